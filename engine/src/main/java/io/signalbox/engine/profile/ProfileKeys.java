package io.signalbox.engine.profile;

import static java.nio.charset.StandardCharsets.UTF_8;

/** Store keys of profiles: the group's full name ({@code name_vN}), a zero byte, the attribute-key value. */
public final class ProfileKeys {
    private ProfileKeys() {}

    public static byte[] of(String groupFullName, String key) {
        byte[] group = groupFullName.getBytes(UTF_8);
        byte[] value = key.getBytes(UTF_8);
        byte[] out = new byte[group.length + 1 + value.length];
        System.arraycopy(group, 0, out, 0, group.length);
        System.arraycopy(value, 0, out, group.length + 1, value.length);
        return out;
    }

    /** The first key of a group's range. */
    public static byte[] groupStart(String groupFullName) {
        return of(groupFullName, "");
    }

    /** The first key after a group's range. */
    public static byte[] groupEnd(String groupFullName) {
        byte[] group = groupFullName.getBytes(UTF_8);
        byte[] out = new byte[group.length + 1];
        System.arraycopy(group, 0, out, 0, group.length);
        out[group.length] = 1;
        return out;
    }

    /** The attribute-key value of a store key. */
    public static String keyOf(byte[] storeKey) {
        for (int i = 0; i < storeKey.length; i++) {
            if (storeKey[i] == 0) {
                return new String(storeKey, i + 1, storeKey.length - i - 1, UTF_8);
            }
        }
        throw new IllegalArgumentException("not a profile key");
    }

    /** The group full name of a store key. */
    public static String groupOf(byte[] storeKey) {
        for (int i = 0; i < storeKey.length; i++) {
            if (storeKey[i] == 0) {
                return new String(storeKey, 0, i, UTF_8);
            }
        }
        throw new IllegalArgumentException("not a profile key");
    }
}
