#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// The few file operations loading needs, on POSIX directly: listing thousands of small files
/// and reading them whole is the hot path of every command.
public enum FileSystem {
    /// What a path is, following symbolic links. `special` is anything that is neither a regular
    /// file nor a folder: a named pipe, a device or a socket, which are never read.
    public enum Kind { case file, directory, special, missing }

    public struct ReadError: Error, Sendable {
        public var message: String
        public var notes: [String] = []
    }

    public static func kind(_ path: String) -> Kind {
        var st = stat()
        guard stat(path, &st) == 0 else { return .missing }
        switch st.st_mode & S_IFMT {
        case S_IFDIR: return .directory
        case S_IFREG: return .file
        default: return .special
        }
    }

    /// What a file of this mode is, in words for an error message.
    static func describe(mode: mode_t) -> String {
        switch mode & S_IFMT {
        case S_IFDIR: return "a directory"
        case S_IFIFO: return "a named pipe (FIFO)"
        case S_IFCHR: return "a character device"
        case S_IFBLK: return "a block device"
        case S_IFSOCK: return "a socket"
        case S_IFLNK: return "a symbolic link"
        default: return "not a regular file"
        }
    }

    private static func notRegular(_ mode: mode_t) -> ReadError {
        if mode & S_IFMT == S_IFDIR { return ReadError(message: "is a directory, not a file") }
        return ReadError(
            message: "is \(describe(mode: mode)), not a regular file",
            notes: ["rehab reads only regular files"])
    }

    private static func errnoText() -> String { String(cString: strerror(errno)) }

    /// Reads a whole regular file; refuses one larger than `limit` bytes without reading it.
    ///
    /// Named pipes, devices and sockets are refused before they are opened (a pipe would block
    /// the command for ever); the file is then opened without blocking and checked again on the
    /// open descriptor, so that swapping the file in between gains nothing. With `confinedTo`
    /// (a folder's real path), a symbolic link whose target lies outside that folder is refused.
    public static func read(_ path: String, limit: Int, confinedTo root: String? = nil) throws(ReadError) -> [UInt8] {
        var st = stat()
        guard lstat(path, &st) == 0 else { throw ReadError(message: "cannot open file: \(errnoText())") }
        if st.st_mode & S_IFMT == S_IFLNK {
            if let root {
                guard let target = realPath(path) else { throw ReadError(message: "cannot open file: \(errnoText())") }
                if !isInside(target, root) {
                    throw ReadError(
                        message: "is a symbolic link that leads outside the workspace",
                        notes: ["it points to '\(target)'; keep files inside the workspace root"])
                }
            }
            guard stat(path, &st) == 0 else { throw ReadError(message: "cannot open file: \(errnoText())") }
        }
        guard st.st_mode & S_IFMT == S_IFREG else { throw notRegular(st.st_mode) }

        let fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC)
        guard fd >= 0 else { throw ReadError(message: "cannot open file: \(errnoText())") }
        defer { close(fd) }
        var opened = stat()
        guard fstat(fd, &opened) == 0 else { throw ReadError(message: "cannot read file: \(errnoText())") }
        guard opened.st_mode & S_IFMT == S_IFREG else { throw notRegular(opened.st_mode) }
        if opened.st_dev != st.st_dev || opened.st_ino != st.st_ino {
            throw ReadError(message: "file changed while it was being opened", notes: ["run the command again"])
        }
        let size = Int(opened.st_size)
        if size > limit {
            throw ReadError(message: "file is \(size) bytes; the limit is \(limit) bytes")
        }
        var bytes = [UInt8](repeating: 0, count: size)
        var done = 0
        while done < size {
            let n = bytes.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress! + done, size - done) }
            if n < 0 {
                if errno == EINTR { continue }
                throw ReadError(message: "cannot read file: \(errnoText())")
            }
            if n == 0 { break }
            done += n
        }
        if done < size { bytes.removeLast(size - done) }
        return bytes
    }

    /// The path with every symbolic link resolved, or nil when it cannot be (missing, a loop).
    public static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// A folder link that a walk did not follow.
    public struct SkippedLink: Sendable, Equatable {
        public var path: String
    }

    /// Every `.yaml` / `.yml` file below `directory`, sorted, skipping hidden entries.
    public static func yamlFiles(under directory: String) -> [String] {
        walk(directory).files
    }

    /// Every `.yaml` / `.yml` file below `directory`, sorted, skipping hidden entries, and the
    /// links to folders that were not followed.
    ///
    /// Links to folders are never followed (two links to `.` would otherwise make the walk
    /// branch without end), and a folder reached twice (a bind mount of its parent) is walked
    /// once. Links to files, and entries that are neither files nor folders, are listed when
    /// their names end in `.yaml` or `.yml`: reading them is where they are checked and refused.
    public static func walk(_ directory: String) -> (files: [String], skippedLinks: [SkippedLink]) {
        var out: [String] = []
        var skipped: [SkippedLink] = []
        struct FileID: Hashable { var device: UInt64, inode: UInt64 }
        var visited = Set<FileID>()
        var pending = [directory]
        while let dir = pending.popLast() {
            var st = stat()
            guard stat(dir, &st) == 0,
                visited.insert(FileID(device: UInt64(st.st_dev), inode: UInt64(st.st_ino))).inserted,
                let d = opendir(dir)
            else { continue }
            while let entry = readdir(d) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                    String(cString: raw.bindMemory(to: CChar.self).baseAddress!)
                }
                if name.hasPrefix(".") { continue }
                let path = dir.hasSuffix("/") ? dir + name : dir + "/" + name
                var type = entry.pointee.d_type
                if type == UInt8(DT_UNKNOWN) {
                    var est = stat()
                    if lstat(path, &est) == 0 {
                        switch est.st_mode & S_IFMT {
                        case S_IFDIR: type = UInt8(DT_DIR)
                        case S_IFLNK: type = UInt8(DT_LNK)
                        default: type = UInt8(DT_REG)
                        }
                    }
                }
                if type == UInt8(DT_DIR) {
                    pending.append(path)
                } else if type == UInt8(DT_LNK), kind(path) == .directory {
                    skipped.append(SkippedLink(path: path))
                } else if name.hasSuffix(".yaml") || name.hasSuffix(".yml") {
                    out.append(path)
                }
            }
            closedir(d)
        }
        return (out.sorted(), skipped.sorted { $0.path < $1.path })
    }

    /// A new folder only this user can open (mkdtemp: mode 0700, a name no one can guess) under the
    /// temporary folder (`TMPDIR`, else /tmp), or why it cannot be made. The caller removes it.
    public static func privateTemporaryDirectory(_ prefix: String) -> Result<String, ReadError> {
        let base = getenv("TMPDIR").map { String(cString: $0) }.flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
        var template = Array((base + "/\(prefix)-XXXXXX").utf8CString)
        guard template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) != nil else {
            return .failure(ReadError(message: "cannot create a temporary folder: \(errnoText())"))
        }
        return .success(String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))
    }

    public static func currentDirectory() -> String {
        var buffer = [CChar](repeating: 0, count: 4096)
        guard getcwd(&buffer, buffer.count) != nil else { return "." }
        let bytes = buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// `path` made absolute against `base` and cleaned of `.` and `..` (textually, no links).
    public static func absolute(_ path: String, base: String) -> String {
        let joined = path.hasPrefix("/") ? path : base + "/" + path
        var parts: [Substring] = []
        for part in joined.split(separator: "/") {
            if part == "." || part.isEmpty { continue }
            if part == ".." {
                if !parts.isEmpty { parts.removeLast() }
            } else {
                parts.append(part)
            }
        }
        return "/" + parts.joined(separator: "/")
    }

    /// `path` relative to `base` when it lies below it, else `path` unchanged.
    public static func relative(_ path: String, to base: String) -> String {
        if path == base { return "." }
        let b = base.hasSuffix("/") ? base : base + "/"
        if path.hasPrefix(b) { return String(path.dropFirst(b.count)) }
        return path
    }

    public static func isInside(_ path: String, _ directory: String) -> Bool {
        path == directory || path.hasPrefix(directory.hasSuffix("/") ? directory : directory + "/")
    }

    public static func directoryName(_ path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    public static func fileName(_ path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return path }
        return String(path[path.index(after: slash)...])
    }
}
