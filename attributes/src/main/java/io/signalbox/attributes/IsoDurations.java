package io.signalbox.attributes;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;

/**
 * ISO-8601 durations as Pydantic v2 reads and writes them, which is how the Signals API carries {@code period} and
 * {@code ttl}.
 *
 * <p>Reading accepts {@code [+|-]P[nY][nM][nW][nD][T[nH][nM][nS]]} where each {@code n} may have a decimal
 * fraction; {@code Y} is 365 days, {@code M} (before {@code T}) 30 days and {@code W} 7 days. At least one part is
 * required and letters are upper case. Writing gives the shortest Pydantic form: whole years when there are 365 days
 * or more ({@code P1Y35DT3H0.25S}), never {@code W} or months, {@code PT0S} for zero, a leading {@code -} for a
 * negative duration. {@link Duration#parse} reads neither the years nor the Pydantic output, hence this class.
 */
public final class IsoDurations {
    private static final long SECONDS_PER_DAY = 86_400L;
    private static final long MAX_DAYS = 999_999_999L;
    private static final BigDecimal NANOS_PER_SECOND = BigDecimal.valueOf(1_000_000_000L);

    private IsoDurations() {}

    /**
     * Reads a duration.
     *
     * @throws IllegalArgumentException naming the text when it is not such a duration
     */
    public static Duration parse(String text) {
        int i = 0;
        boolean negative = false;
        if (i < text.length() && (text.charAt(i) == '-' || text.charAt(i) == '+')) {
            negative = text.charAt(i) == '-';
            i++;
        }
        if (i >= text.length() || text.charAt(i) != 'P') {
            throw invalid(text, "it must start with P");
        }
        i++;
        BigDecimal seconds = BigDecimal.ZERO;
        boolean inTime = false;
        boolean anyPart = false;
        String order = "YMWD";
        int orderPosition = 0;
        while (i < text.length()) {
            if (text.charAt(i) == 'T') {
                if (inTime) {
                    throw invalid(text, "T appears twice");
                }
                inTime = true;
                order = "HMS";
                orderPosition = 0;
                i++;
                if (i >= text.length()) {
                    throw invalid(text, "T must be followed by a time part");
                }
                continue;
            }
            int start = i;
            while (i < text.length() && (Character.isDigit(text.charAt(i)) || text.charAt(i) == '.')) {
                i++;
            }
            if (i == start || i >= text.length()) {
                throw invalid(text, "expected a number and a unit letter at position " + start);
            }
            BigDecimal amount = number(text, text.substring(start, i));
            char unit = text.charAt(i++);
            int position = order.indexOf(unit, orderPosition);
            if (position < 0) {
                throw invalid(text, "unit '" + unit + "' is unknown or out of order");
            }
            orderPosition = position + 1;
            seconds = seconds.add(amount.multiply(BigDecimal.valueOf(unitSeconds(unit, inTime))));
            anyPart = true;
        }
        if (!anyPart) {
            throw invalid(text, "it has no parts");
        }
        if (seconds.compareTo(BigDecimal.valueOf(MAX_DAYS * SECONDS_PER_DAY)) > 0) {
            throw invalid(text, "it is longer than " + MAX_DAYS + " days");
        }
        BigDecimal nanos = seconds.multiply(NANOS_PER_SECOND).setScale(0, RoundingMode.HALF_EVEN);
        BigDecimal[] split = nanos.divideAndRemainder(NANOS_PER_SECOND);
        Duration duration = Duration.ofSeconds(split[0].longValueExact(), split[1].longValueExact());
        return negative ? duration.negated() : duration;
    }

    private static BigDecimal number(String text, String digits) {
        if (digits.startsWith(".") || digits.endsWith(".") || digits.indexOf('.') != digits.lastIndexOf('.')) {
            throw invalid(text, "'" + digits + "' is not a number");
        }
        if (digits.length() > 30) {
            throw invalid(text, "'" + digits + "' is too long");
        }
        return new BigDecimal(digits);
    }

    private static long unitSeconds(char unit, boolean inTime) {
        if (inTime) {
            return switch (unit) {
                case 'H' -> 3_600L;
                case 'M' -> 60L;
                default -> 1L;
            };
        }
        return switch (unit) {
            case 'Y' -> 365 * SECONDS_PER_DAY;
            case 'M' -> 30 * SECONDS_PER_DAY;
            case 'W' -> 7 * SECONDS_PER_DAY;
            default -> SECONDS_PER_DAY;
        };
    }

    private static IllegalArgumentException invalid(String text, String why) {
        return new IllegalArgumentException("not an ISO-8601 duration such as PT10M or P7D: '" + text + "': " + why);
    }

    /** Writes a duration as Pydantic does: {@code PT10M}, {@code P7DT2H}, {@code PT1.5S}, {@code P1Y1D}. */
    public static String format(Duration duration) {
        if (duration.isZero()) {
            return "PT0S";
        }
        StringBuilder out = new StringBuilder(16);
        Duration positive = duration;
        if (duration.isNegative()) {
            out.append('-');
            positive = duration.negated();
        }
        out.append('P');
        long totalSeconds = positive.getSeconds();
        int nanos = positive.getNano();
        long days = totalSeconds / SECONDS_PER_DAY;
        long secondsOfDay = totalSeconds % SECONDS_PER_DAY;
        appendPart(out, days / 365, 'Y');
        appendPart(out, days % 365, 'D');
        if (secondsOfDay == 0 && nanos == 0) {
            return out.toString();
        }
        out.append('T');
        appendPart(out, secondsOfDay / 3_600, 'H');
        appendPart(out, secondsOfDay / 60 % 60, 'M');
        long seconds = secondsOfDay % 60;
        if (seconds != 0 || nanos != 0) {
            out.append(seconds);
            if (nanos != 0) {
                String fraction = String.format("%09d", nanos).replaceFirst("0+$", "");
                out.append('.').append(fraction);
            }
            out.append('S');
        }
        return out.toString();
    }

    private static void appendPart(StringBuilder out, long amount, char unit) {
        if (amount != 0) {
            out.append(amount).append(unit);
        }
    }
}
