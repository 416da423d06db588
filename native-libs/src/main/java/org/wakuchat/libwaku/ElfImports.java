package org.wakuchat.libwaku;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What {@link SignalGuard} needs from a 64-bit little-endian ELF shared object (Linux x86_64 and
 * aarch64): the offsets of the GOT slots through which it calls some imported functions, the
 * value of one of its own exported symbols (to find its load address in memory) and its RELRO
 * ranges (read-only after loading). Read from the file, never from memory.
 */
record ElfImports(long anchorValue, List<Slot> slots, List<Range> relro) {

    /** A GOT slot, at {@code offset} from the object's load address, that holds {@code symbol}'s address. */
    record Slot(String symbol, long offset) {
    }

    record Range(long start, long end) {
        boolean contains(long offset) {
            return offset >= start && offset < end;
        }
    }

    private static final int EM_X86_64 = 62;
    private static final int EM_AARCH64 = 183;
    private static final int SHT_RELA = 4;
    private static final int SHT_DYNSYM = 11;
    private static final int PT_GNU_RELRO = 0x6474e552;
    private static final Set<Long> X86_64_SLOT_TYPES = Set.of(6L, 7L); // GLOB_DAT, JUMP_SLOT
    private static final Set<Long> AARCH64_SLOT_TYPES = Set.of(1025L, 1026L); // GLOB_DAT, JUMP_SLOT

    /**
     * Reads {@code file}; empty when it is not an ELF64 little-endian x86_64/aarch64 object, has
     * no section headers or does not define {@code anchor}.
     */
    static Optional<ElfImports> read(Path file, Set<String> imports, String anchor) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            MappedByteBuffer mapped = channel.map(FileChannel.MapMode.READ_ONLY, 0, channel.size());
            return parse(mapped.order(ByteOrder.LITTLE_ENDIAN), imports, anchor);
        }
    }

    static Optional<ElfImports> parse(ByteBuffer elf, Set<String> imports, String anchor) {
        try {
            return Optional.ofNullable(parseOrNull(elf, imports, anchor));
        } catch (IndexOutOfBoundsException | IllegalArgumentException e) {
            return Optional.empty(); // truncated or inconsistent: not a file we understand
        }
    }

    private static ElfImports parseOrNull(ByteBuffer elf, Set<String> imports, String anchor) {
        if (elf.limit() < 64 || elf.getInt(0) != 0x464c457f || elf.get(4) != 2 || elf.get(5) != 1) {
            return null;
        }
        int machine = Short.toUnsignedInt(elf.getShort(18));
        Set<Long> slotTypes = switch (machine) {
            case EM_X86_64 -> X86_64_SLOT_TYPES;
            case EM_AARCH64 -> AARCH64_SLOT_TYPES;
            default -> null;
        };
        long shoff = elf.getLong(40);
        int shentsize = Short.toUnsignedInt(elf.getShort(58));
        int shnum = Short.toUnsignedInt(elf.getShort(60));
        if (slotTypes == null || shoff == 0 || shnum == 0) {
            return null;
        }
        List<Section> sections = new ArrayList<>();
        for (int i = 0; i < shnum; i++) {
            sections.add(Section.at(elf, Math.toIntExact(shoff + (long) i * shentsize)));
        }
        Long anchorValue = null;
        List<Slot> slots = new ArrayList<>();
        for (Section section : sections) {
            if (section.type == SHT_DYNSYM && anchorValue == null) {
                anchorValue = definedValue(elf, section, sections.get(section.link), anchor);
            }
            if (section.type == SHT_RELA && section.link < sections.size() && sections.get(section.link).type == SHT_DYNSYM) {
                Section symbols = sections.get(section.link);
                Section strings = sections.get(symbols.link);
                for (long at = section.offset; at + 24 <= section.offset + section.size; at += 24) {
                    long rOffset = elf.getLong(Math.toIntExact(at));
                    long info = elf.getLong(Math.toIntExact(at + 8));
                    long symbolIndex = info >>> 32;
                    if (!slotTypes.contains(info & 0xffff_ffffL) || symbolIndex == 0) {
                        continue;
                    }
                    String name = symbolName(elf, symbols, strings, symbolIndex);
                    if (imports.contains(name)) {
                        slots.add(new Slot(name, rOffset));
                    }
                }
            }
        }
        if (anchorValue == null) {
            return null;
        }
        return new ElfImports(anchorValue, List.copyOf(slots), relroRanges(elf));
    }

    private static Long definedValue(ByteBuffer elf, Section symbols, Section strings, String name) {
        for (long index = 1; index * 24 < symbols.size; index++) {
            int entry = Math.toIntExact(symbols.offset + index * 24);
            int sectionIndex = Short.toUnsignedInt(elf.getShort(entry + 6));
            if (sectionIndex != 0 && name.equals(symbolName(elf, symbols, strings, index))) {
                return elf.getLong(entry + 8);
            }
        }
        return null;
    }

    private static String symbolName(ByteBuffer elf, Section symbols, Section strings, long index) {
        int nameOffset = elf.getInt(Math.toIntExact(symbols.offset + index * 24));
        int start = Math.toIntExact(strings.offset + Integer.toUnsignedLong(nameOffset));
        int end = start;
        while (elf.get(end) != 0) {
            end++;
        }
        byte[] bytes = new byte[end - start];
        elf.get(start, bytes);
        return new String(bytes, StandardCharsets.US_ASCII);
    }

    private static List<Range> relroRanges(ByteBuffer elf) {
        long phoff = elf.getLong(32);
        int phentsize = Short.toUnsignedInt(elf.getShort(54));
        int phnum = Short.toUnsignedInt(elf.getShort(56));
        List<Range> ranges = new ArrayList<>();
        for (int i = 0; i < phnum; i++) {
            int header = Math.toIntExact(phoff + (long) i * phentsize);
            if (elf.getInt(header) == PT_GNU_RELRO) {
                long vaddr = elf.getLong(header + 16);
                ranges.add(new Range(vaddr, vaddr + elf.getLong(header + 40)));
            }
        }
        return List.copyOf(ranges);
    }

    private record Section(int type, long offset, long size, int link) {
        static Section at(ByteBuffer elf, int header) {
            return new Section(elf.getInt(header + 4), elf.getLong(header + 24), elf.getLong(header + 32),
                    elf.getInt(header + 40));
        }
    }
}
