import Foundation

/// The files and folders of a folder the writer stages in that already holds files
/// (`OutputWriter.init(destination:startingFrom:)`). Anything that is neither a regular file
/// nor a folder (a symbolic link) is removed before the folder is used.
struct ExistingTree {
    /// Relative paths of the regular files found in it.
    var files: Set<String> = []
    /// Absolute paths of its folders (the root first), parents before children.
    var folders: [String] = []

    /// Lists the tree at `root` (without following links), removing what is neither a regular
    /// file nor a folder.
    static func scan(_ root: String) -> ExistingTree {
        var tree = ExistingTree()
        var pending: [(absolute: String, relative: String)] = [(root, "")]
        while let (folder, relative) = pending.popLast() {
            tree.folders.append(folder)
            guard let dir = opendir(folder) else { continue }
            defer { closedir(dir) }
            while let entry = readdir(dir) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                    String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
                }
                if name == "." || name == ".." { continue }
                let path = folder + "/" + name
                let child = relative.isEmpty ? name : relative + "/" + name
                var type = Int32(entry.pointee.d_type)
                if type == Int32(DT_UNKNOWN) {
                    var st = stat()
                    guard lstat(path, &st) == 0 else { continue }
                    switch st.st_mode & S_IFMT {
                    case S_IFREG: type = Int32(DT_REG)
                    case S_IFDIR: type = Int32(DT_DIR)
                    default: type = Int32(DT_LNK)
                    }
                }
                switch type {
                case Int32(DT_REG): tree.files.insert(child)
                case Int32(DT_DIR): pending.append((path, child))
                default: unlink(path)
                }
            }
        }
        return tree
    }

    /// Removes the files that were not used (`files` then holds them) and the folders left
    /// empty, children before parents.
    func removeUnused(in root: String) {
        for path in files { unlink(root + "/" + path) }
        for folder in folders.reversed() where folder != root { rmdir(folder) }
    }
}
