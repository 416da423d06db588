package org.wakuchat.libwaku;

import com.sun.jna.IntegerType;
import com.sun.jna.Native;

/** C {@code size_t}: 8 bytes on 64-bit Linux, macOS and Windows alike (unlike {@code long}). */
public final class SizeT extends IntegerType {

    public SizeT() {
        this(0);
    }

    public SizeT(long value) {
        super(Native.SIZE_T_SIZE, value, true);
    }
}
