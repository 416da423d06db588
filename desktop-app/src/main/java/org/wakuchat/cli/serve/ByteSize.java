package org.wakuchat.cli.serve;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A size an operator types, {@code 5GB}, {@code 500MB}, {@code 1.5GB} or plain bytes; 1 KB = 1024 bytes, as nwaku counts. */
public final class ByteSize {

    private static final Pattern SIZE = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(B|KB|MB|GB|TB)?", Pattern.CASE_INSENSITIVE);

    private ByteSize() {
    }

    /** The number of bytes {@code text} says; IllegalArgumentException for anything else. */
    public static long parse(String text) {
        Matcher m = SIZE.matcher(text == null ? "" : text.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("not a size: '" + text + "' (say e.g. 5GB, 500MB or 1.5GB)");
        }
        String unit = m.group(2) == null ? "B" : m.group(2).toUpperCase(Locale.ROOT);
        int power = switch (unit) {
            case "KB" -> 1;
            case "MB" -> 2;
            case "GB" -> 3;
            case "TB" -> 4;
            default -> 0;
        };
        BigDecimal bytes = new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(1024).pow(power));
        try {
            return bytes.longValueExact();
        } catch (ArithmeticException notWhole) {
            return bytes.longValue();
        }
    }

    /** For people: {@code 5.0 GB}, {@code 12.3 MB}, {@code 800 B}. */
    public static String format(long bytes) {
        String[] units = {"B", "KB", "MB", "GB", "TB"};
        double value = bytes;
        int unit = 0;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return unit == 0 ? bytes + " B" : String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }
}
