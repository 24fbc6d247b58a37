package io.signalbox.tracking;

import io.signalbox.events.AtomicField;
import io.signalbox.events.EnrichedEvent;
import io.signalbox.events.EnrichedTsv;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.node.ObjectNode;

/**
 * Maps tracker-protocol parameters onto enriched-event fields, each with its parser. A value that does not parse
 * leaves its field empty and adds a {@code {field, value, error}} message naming the parameter; parsing carries on so
 * that every problem of an event is reported at once.
 *
 * <p>The self-describing parameters ({@code ue_pr}, {@code ue_px}, {@code co}, {@code cx}) are read by {@link
 * SelfDescribingInputs}; {@code tnuid} is applied last so it beats {@code nuid} and the cookie.
 */
final class ParameterMapping {
    static final String SIZE_ERROR = "Does not conform to regex (\\d+)x(\\d+)";

    private static final long MIN_MILLIS = -62_167_219_200_000L;
    private static final long MAX_MILLIS = 253_402_300_799_999L;
    private static final Set<String> PLATFORMS =
            Set.of("web", "mob", "pc", "srv", "app", "tv", "cnsl", "iot", "headset");
    private static final Map<String, String> EVENTS = Map.of(
            "pv", "page_view",
            "pp", "page_ping",
            "se", "struct",
            "ev", "struct",
            "tr", "transaction",
            "ti", "transaction_item",
            "ue", "unstruct",
            "ad", "ad_impression");
    private static final Map<String, Handler> HANDLERS = handlers();

    private ParameterMapping() {}

    /** Sets a field from one parameter value, or reports why it cannot. */
    @FunctionalInterface
    private interface Handler {
        void apply(EnrichedEvent event, String name, String value, List<ObjectNode> errors);
    }

    /** Applies every known parameter of the event; unknown names are ignored. */
    static void apply(Map<String, String> parameters, EnrichedEvent event, List<ObjectNode> errors) {
        for (Map.Entry<String, String> parameter : parameters.entrySet()) {
            Handler handler = HANDLERS.get(parameter.getKey());
            if (handler != null && parameter.getValue() != null) {
                handler.apply(event, parameter.getKey(), parameter.getValue(), errors);
            }
        }
        String tnuid = parameters.get("tnuid");
        if (tnuid != null) {
            event.set(AtomicField.NETWORK_USERID, EnrichedTsv.sanitise(tnuid));
        }
    }

    private static Map<String, Handler> handlers() {
        Map<String, Handler> map = new HashMap<>();
        map.put("e", ParameterMapping::eventCode);
        map.put("p", ParameterMapping::platform);
        map.put("eid", uuid(AtomicField.EVENT_ID));
        map.put("sid", uuid(AtomicField.DOMAIN_SESSIONID));
        text(map, "aid", AtomicField.APP_ID);
        text(map, "tna", AtomicField.NAME_TRACKER);
        text(map, "tv", AtomicField.V_TRACKER);
        text(map, "cv", AtomicField.V_COLLECTOR);
        text(map, "uid", AtomicField.USER_ID);
        text(map, "duid", AtomicField.DOMAIN_USERID);
        text(map, "nuid", AtomicField.NETWORK_USERID);
        text(map, "ua", AtomicField.USERAGENT);
        text(map, "fp", AtomicField.USER_FINGERPRINT);
        text(map, "cd", AtomicField.BR_COLORDEPTH);
        text(map, "tz", AtomicField.OS_TIMEZONE);
        text(map, "lang", AtomicField.BR_LANG);
        text(map, "cs", AtomicField.DOC_CHARSET);
        text(map, "url", AtomicField.PAGE_URL);
        text(map, "page", AtomicField.PAGE_TITLE);
        text(map, "refr", AtomicField.PAGE_REFERRER);
        map.put(
                "ip",
                (event, name, value, errors) ->
                        event.set(AtomicField.USER_IPADDRESS, EnrichedTsv.sanitise(IpAddresses.fromParameter(value))));
        map.put("tid", integer(AtomicField.TXN_ID));
        map.put("vid", integer(AtomicField.DOMAIN_SESSIONIDX));
        map.put("ttm", millis(AtomicField.TRUE_TSTAMP));
        map.put("dtm", millis(AtomicField.DVCE_CREATED_TSTAMP));
        map.put("stm", millis(AtomicField.DVCE_SENT_TSTAMP));
        map.put("res", size(AtomicField.DVCE_SCREENWIDTH, AtomicField.DVCE_SCREENHEIGHT));
        map.put("vp", size(AtomicField.BR_VIEWWIDTH, AtomicField.BR_VIEWHEIGHT));
        map.put("ds", size(AtomicField.DOC_WIDTH, AtomicField.DOC_HEIGHT));
        map.put("cookie", flag(AtomicField.BR_COOKIES));
        map.put("f_pdf", flag(AtomicField.BR_FEATURES_PDF));
        map.put("f_fla", flag(AtomicField.BR_FEATURES_FLASH));
        map.put("f_java", flag(AtomicField.BR_FEATURES_JAVA));
        map.put("f_dir", flag(AtomicField.BR_FEATURES_DIRECTOR));
        map.put("f_qt", flag(AtomicField.BR_FEATURES_QUICKTIME));
        map.put("f_realp", flag(AtomicField.BR_FEATURES_REALPLAYER));
        map.put("f_wma", flag(AtomicField.BR_FEATURES_WINDOWSMEDIA));
        map.put("f_gears", flag(AtomicField.BR_FEATURES_GEARS));
        map.put("f_ag", flag(AtomicField.BR_FEATURES_SILVERLIGHT));
        map.put("pp_mix", integer(AtomicField.PP_XOFFSET_MIN));
        map.put("pp_max", integer(AtomicField.PP_XOFFSET_MAX));
        map.put("pp_miy", integer(AtomicField.PP_YOFFSET_MIN));
        map.put("pp_may", integer(AtomicField.PP_YOFFSET_MAX));
        structured(map);
        ecommerce(map);
        return map;
    }

    private static void structured(Map<String, Handler> map) {
        for (String prefix : List.of("se_", "ev_")) {
            text(map, prefix + "ca", AtomicField.SE_CATEGORY);
            text(map, prefix + "ac", AtomicField.SE_ACTION);
            text(map, prefix + "la", AtomicField.SE_LABEL);
            text(map, prefix + "pr", AtomicField.SE_PROPERTY);
            map.put(prefix + "va", decimal(AtomicField.SE_VALUE));
        }
    }

    private static void ecommerce(Map<String, Handler> map) {
        text(map, "tr_id", AtomicField.TR_ORDERID);
        text(map, "tr_af", AtomicField.TR_AFFILIATION);
        map.put("tr_tt", decimal(AtomicField.TR_TOTAL));
        map.put("tr_tx", decimal(AtomicField.TR_TAX));
        map.put("tr_sh", decimal(AtomicField.TR_SHIPPING));
        text(map, "tr_ci", AtomicField.TR_CITY);
        text(map, "tr_st", AtomicField.TR_STATE);
        text(map, "tr_co", AtomicField.TR_COUNTRY);
        text(map, "tr_cu", AtomicField.TR_CURRENCY);
        text(map, "ti_id", AtomicField.TI_ORDERID);
        text(map, "ti_sk", AtomicField.TI_SKU);
        text(map, "ti_nm", AtomicField.TI_NAME);
        text(map, "ti_na", AtomicField.TI_NAME);
        text(map, "ti_ca", AtomicField.TI_CATEGORY);
        map.put("ti_pr", decimal(AtomicField.TI_PRICE));
        map.put("ti_qu", integer(AtomicField.TI_QUANTITY));
        text(map, "ti_cu", AtomicField.TI_CURRENCY);
    }

    private static void text(Map<String, Handler> map, String parameter, AtomicField field) {
        map.put(parameter, (event, name, value, errors) -> event.set(field, EnrichedTsv.sanitise(value)));
    }

    private static void eventCode(EnrichedEvent event, String name, String value, List<ObjectNode> errors) {
        String code = EVENTS.get(value);
        if (code == null) {
            errors.add(Messages.fieldError(name, value, "Not a valid event type"));
        } else {
            event.set(AtomicField.EVENT, code);
        }
    }

    private static void platform(EnrichedEvent event, String name, String value, List<ObjectNode> errors) {
        if (PLATFORMS.contains(value)) {
            event.set(AtomicField.PLATFORM, value);
        } else {
            errors.add(Messages.fieldError(name, value, "Not a valid platform"));
        }
    }

    private static Handler uuid(AtomicField field) {
        return (event, name, value, errors) -> {
            String uuid = Uuids.normalise(value);
            if (uuid == null) {
                errors.add(Messages.fieldError(name, value, "Not a valid UUID"));
            } else {
                event.set(field, uuid);
            }
        };
    }

    private static Handler integer(AtomicField field) {
        return (event, name, value, errors) -> {
            if (value.equalsIgnoreCase("null")) {
                return;
            }
            try {
                event.set(field, Integer.valueOf(value));
            } catch (NumberFormatException e) {
                errors.add(Messages.fieldError(name, value, "Not a valid integer"));
            }
        };
    }

    private static Handler decimal(AtomicField field) {
        return (event, name, value, errors) -> {
            if (value.equalsIgnoreCase("null")) {
                return;
            }
            try {
                BigDecimal number = new BigDecimal(value);
                event.set(field, number.scale() < 0 ? number.setScale(0) : number);
            } catch (NumberFormatException | ArithmeticException e) {
                errors.add(Messages.fieldError(name, value, "Not a valid decimal number"));
            }
        };
    }

    private static Handler millis(AtomicField field) {
        return (event, name, value, errors) -> {
            try {
                long millis = Long.parseLong(value);
                if (millis < MIN_MILLIS || millis > MAX_MILLIS) {
                    throw new NumberFormatException("out of range");
                }
                event.set(field, Instant.ofEpochMilli(millis));
            } catch (NumberFormatException e) {
                errors.add(Messages.fieldError(
                        name, value, "Not a valid timestamp: expected milliseconds since the epoch, years 0 to 9999"));
            }
        };
    }

    private static Handler flag(AtomicField field) {
        return (event, name, value, errors) -> {
            switch (value) {
                case "1" -> event.set(field, Boolean.TRUE);
                case "0" -> event.set(field, Boolean.FALSE);
                default -> errors.add(Messages.fieldError(name, value, "Not a valid boolean: expected 1 or 0"));
            }
        };
    }

    private static Handler size(AtomicField width, AtomicField height) {
        return (event, name, value, errors) -> {
            int x = value.indexOf('x');
            Integer first = x > 0 ? digits(value, 0, x) : null;
            Integer second = x > 0 ? digits(value, x + 1, value.length()) : null;
            if (first == null || second == null) {
                errors.add(Messages.fieldError(name, value, SIZE_ERROR));
                return;
            }
            event.set(width, first);
            event.set(height, second);
        };
    }

    private static Integer digits(String text, int from, int to) {
        if (from >= to || to - from > 9) {
            return null;
        }
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return null;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
