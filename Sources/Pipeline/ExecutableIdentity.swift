import Fingerprint
import Foundation

/// Which plansite made an output: recorded in the build manifest, since another plansite may
/// render differently, so a build by a different program renders everything again.
///
/// The identity is the linker's build ID (the `NT_GNU_BUILD_ID` note, a SHA-1 of the linked
/// program that `ld` writes into every Swift program on Linux): read from the ELF headers, a
/// few hundred bytes, where hashing the whole program read 84 MB for the release build (Swift's
/// runtime and ICU's data linked in) at the start of every build. A copy restored from a cache
/// or installed elsewhere is the same tool; a rebuilt one is a new tool even from the same
/// sources. Programs without a build ID (not ELF, or linked without one) are hashed whole.
public enum ExecutableIdentity {
    /// The running program's identity; 0 when unknown, which never matches a recorded build.
    public static var current: UInt64 {
        let path = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        return of(path)
    }

    public static func of(_ path: String) -> UInt64 {
        if let id = buildID(ofELF: path) { return ContentHash.of(Data(id)) }
        return ContentHash.file(path) ?? 0
    }

    /// The bytes of the program's GNU build ID, or nil when the file is not a 64-bit
    /// little-endian ELF file with one.
    public static func buildID(ofELF path: String) -> [UInt8]? {
        guard let file = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? file.close() }
        func read(_ offset: UInt64, _ count: Int) -> [UInt8]? {
            guard count > 0, count <= 1 << 16, (try? file.seek(toOffset: offset)) != nil,
                  let data = try? file.read(upToCount: count), data.count == count else { return nil }
            return [UInt8](data)
        }
        // ELF header: magic, class 2 (64-bit), data 1 (little-endian).
        guard let header = read(0, 64), header[0..<4] == [0x7F, 0x45, 0x4C, 0x46], header[4] == 2, header[5] == 1 else { return nil }
        let programHeaders = header.integer(at: 32, size: 8)
        let entrySize = Int(header.integer(at: 54, size: 2))
        let entries = Int(header.integer(at: 56, size: 2))
        guard entrySize >= 56, let table = read(programHeaders, entrySize * entries) else { return nil }
        for index in 0..<entries {
            let entry = Array(table[index * entrySize..<(index * entrySize + 56)])
            guard entry.integer(at: 0, size: 4) == 4 else { continue }  // PT_NOTE
            let alignment = entry.integer(at: 48, size: 8) == 8 ? 8 : 4
            guard let notes = read(entry.integer(at: 8, size: 8), Int(entry.integer(at: 32, size: 8))),
                  let id = gnuBuildID(in: notes, alignment: alignment) else { continue }
            return id
        }
        return nil
    }

    /// The descriptor of the note named "GNU" of type 3 (`NT_GNU_BUILD_ID`) in a note segment.
    static func gnuBuildID(in notes: [UInt8], alignment: Int) -> [UInt8]? {
        func aligned(_ n: Int) -> Int { (n + alignment - 1) / alignment * alignment }
        var offset = 0
        while offset + 12 <= notes.count {
            let nameSize = Int(notes.integer(at: offset, size: 4))
            let descriptorSize = Int(notes.integer(at: offset + 4, size: 4))
            let type = notes.integer(at: offset + 8, size: 4)
            let name = offset + 12
            let descriptor = name + aligned(nameSize)
            guard nameSize <= notes.count, descriptorSize <= notes.count, descriptor + descriptorSize <= notes.count else { return nil }
            if type == 3, nameSize == 4, notes[name..<(name + 4)] == [0x47, 0x4E, 0x55, 0], descriptorSize > 0 {
                return Array(notes[descriptor..<(descriptor + descriptorSize)])
            }
            offset = descriptor + aligned(descriptorSize)
        }
        return nil
    }
}

private extension Array where Element == UInt8 {
    /// The little-endian unsigned integer of `size` bytes at `offset`.
    func integer(at offset: Int, size: Int) -> UInt64 {
        (0..<size).reduce(UInt64(0)) { $0 | UInt64(self[offset + $1]) << (8 * UInt64($1)) }
    }
}
