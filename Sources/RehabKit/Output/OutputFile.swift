#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Files that an output (`-o`) must never replace: the workspace's inputs and the progress store.
/// A printed sheet written over `Plans/maria.yaml` or `.rehab/progress.sqlite` destroys the plan or
/// the patient's log; the check refuses such a target before anything is written.
public struct ProtectedPaths: Sendable {
    /// Absolute files that must not be written (compared resolved, and by device and inode).
    public var files: [String]
    /// Absolute folders below which nothing may be written.
    public var folders: [String]

    public init(files: [String] = [], folders: [String] = []) {
        self.files = files
        self.folders = folders
    }

    /// The workspace's input folders (`Exercises/`, `Plans/`, `Patients/`, `Profiles/`, the hidden
    /// `.rehab/`), every file it read and every exercise image, the store (with SQLite's `-wal`, `-shm` and `-journal` beside
    /// it) and any other inputs named on the command line (a rules file, a template folder).
    public static func workspace(_ ws: Workspace, store: String?, inputs: [String]) -> ProtectedPaths {
        var files = Array(ws.files.keys) + inputs
        // The exercises' images, wherever they are (a sheet written over one would be embedded next time).
        let shownToPath = Dictionary(ws.files.map { ($0.value, $0.key) }, uniquingKeysWith: { a, _ in a })
        for e in ws.exercises {
            guard let image = e.image, let file = shownToPath[e.location.file] else { continue }
            files.append(FileSystem.absolute(image.value, base: FileSystem.directoryName(file)))
        }
        if let store { files += [store, store + "-wal", store + "-shm", store + "-journal"] }
        let folders =
            ["Exercises", "Plans", "Patients", "Profiles", ".rehab"].map { ws.root + "/" + $0 }
            + inputs.filter { FileSystem.kind($0) == .directory }
        return ProtectedPaths(files: files, folders: folders)
    }

    /// Why `target` (absolute) may not be written, or nil when it may.
    public func problem(_ target: String) -> String? {
        let candidates = Set([target, OutputFile.resolved(target)])
        for folder in folders {
            for f in Set([folder, ImageCheck.realPath(folder) ?? folder]) {
                if candidates.contains(where: { FileSystem.isInside($0, f) }) {
                    return
                        "'\(target)' lies in '\(f)', which holds the workspace's inputs or the progress log; write the output elsewhere"
                }
            }
        }
        let targetID = OutputFile.identity(target)
        for file in files {
            let same =
                candidates.contains(file) || candidates.contains(ImageCheck.realPath(file) ?? file)
                || (targetID != nil && targetID == OutputFile.identity(file))
            if same { return "'\(target)' is an input of this command ('\(file)'); write the output elsewhere" }
        }
        return nil
    }
}

/// Writes an output file safely: never over a protected path, created 0600 (it holds patient data)
/// as a temporary file in the target's folder and renamed over the target, so that a reader sees
/// the old file or the whole new one, never half of it, and a failure leaves the old one untouched.
public enum OutputFile {
    public struct WriteError: Error, Sendable, CustomStringConvertible {
        public var description: String
    }

    /// Writes `bytes` at `path` (relative to `base`), unless `protected` refuses the target.
    /// `mode`: the new file's permissions (0600; an edited input keeps its own, `mode(of:)`).
    public static func write(
        _ bytes: [UInt8], to path: String, base: String = FileSystem.currentDirectory(),
        protected: ProtectedPaths = ProtectedPaths(), mode: mode_t = 0o600
    ) throws(WriteError) {
        let target = FileSystem.absolute(path, base: base)
        if let problem = protected.problem(target) { throw WriteError(description: "refusing to write: \(problem)") }
        var st = stat()
        if lstat(target, &st) == 0, (st.st_mode & S_IFMT) != S_IFREG {
            let real = resolved(target)
            guard stat(real, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG else {
                throw WriteError(description: "refusing to write: '\(path)' exists and is not a regular file")
            }
        }
        // Through a link to a regular file: the file it names is replaced, not the link.
        let final = resolved(target)
        let dir = FileSystem.directoryName(final)
        guard FileSystem.kind(dir) == .directory else {
            throw WriteError(description: "cannot write '\(path)': the folder '\(dir)' does not exist")
        }
        var template = Array((dir + "/." + FileSystem.fileName(final) + ".tmp-XXXXXX").utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else {
            throw WriteError(description: "cannot write '\(path)': \(String(cString: strerror(errno)))")
        }
        let temp = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        var ok = fchmod(fd, mode) == 0
        var done = 0
        while ok, done < bytes.count {
            let n = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + done, bytes.count - done) }
            if n < 0, errno == EINTR { continue }
            if n <= 0 {
                ok = false
                break
            }
            done += n
        }
        let reason = ok ? "" : String(cString: strerror(errno))
        if ok { ok = fsync(fd) == 0 }
        close(fd)
        guard ok, rename(temp, final) == 0 else {
            let why = reason.isEmpty ? String(cString: strerror(errno)) : reason
            unlink(temp)
            throw WriteError(description: "cannot write '\(path)': \(why)")
        }
    }

    /// The permission bits of an existing file (nil when there is none).
    public static func mode(of path: String) -> mode_t? {
        var st = stat()
        guard stat(path, &st) == 0 else { return nil }
        return st.st_mode & 0o777
    }

    /// `path` with every link resolved; a file that does not exist yet resolves through its folder.
    static func resolved(_ path: String) -> String {
        if let real = ImageCheck.realPath(path) { return real }
        guard let dir = ImageCheck.realPath(FileSystem.directoryName(path)) else { return path }
        return (dir == "/" ? "" : dir) + "/" + FileSystem.fileName(path)
    }

    /// Device and inode of an existing file: the same file under another name or a hard link.
    static func identity(_ path: String) -> [UInt64]? {
        var st = stat()
        guard stat(path, &st) == 0 else { return nil }
        return [UInt64(st.st_dev), UInt64(st.st_ino)]
    }
}
