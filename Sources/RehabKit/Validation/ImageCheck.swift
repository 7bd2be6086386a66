#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// An exercise's `image:` checked before anything reads it for a patient: it must resolve (links
/// followed) to a regular file inside the workspace root, outside any hidden folder such as the
/// progress store's `.rehab/`, be a PNG, a JPEG or an SVG by its first bytes (an SVG only when
/// `SVGSafety` finds nothing in it that runs or fetches), and be at most `maxBytes`.
/// `rehab validate` reports a failure at the `image` key; the printer embeds only what passes.
/// A printed sheet is handed to the patient: without this, `image: ../../../../etc/passwd`,
/// `/proc/self/environ` or `../.rehab/progress.sqlite` was embedded in it, base64.
public enum ImageCheck {
    /// The largest image embedded in a printed sheet, in bytes (2 MiB).
    public static let maxBytes = 2 * 1024 * 1024

    /// An image that passed: its bytes and its MIME type.
    public struct Image: Sendable {
        public var bytes: [UInt8]
        /// `image/png`, `image/jpeg` or `image/svg+xml`.
        public var mimeType: String
    }

    /// Why an image is refused: a message and notes in the style of the diagnostics.
    public struct Problem: Error, Sendable, Equatable {
        public var message: String
        public var notes: [String]
    }

    /// Resolves `relative` against the folder of `exerciseFile` (absolute), confines it to `root`
    /// and reads it. Never follows a link out of the workspace and never reads more than `limit` bytes.
    public static func load(
        _ relative: String, exerciseFile: String, root: String,
        limit: Int = maxBytes
    ) -> Result<Image, Problem> {
        let shown = "image '\(relative)'"
        if relative.hasPrefix("/") {
            return .failure(
                Problem(
                    message: "\(shown) is an absolute path",
                    notes: ["give a path relative to the exercise file, inside the workspace"]))
        }
        let joined = FileSystem.absolute(relative, base: FileSystem.directoryName(exerciseFile))
        guard let realRoot = realPath(root) else {
            return .failure(Problem(message: "the workspace root '\(root)' cannot be resolved", notes: []))
        }
        guard let real = realPath(joined) else {
            return .failure(
                Problem(message: "\(shown) not found", notes: ["the path is relative to the exercise file"]))
        }
        guard FileSystem.isInside(real, realRoot), real != realRoot else {
            return .failure(
                Problem(
                    message: "\(shown) lies outside the workspace",
                    notes: ["it resolves to '\(real)'; keep images inside the workspace root, beside the exercises"]))
        }
        if FileSystem.relative(real, to: realRoot).split(separator: "/").contains(where: { $0.hasPrefix(".") }) {
            return .failure(
                Problem(
                    message: "\(shown) lies in a hidden folder of the workspace",
                    notes: ["hidden folders such as '.rehab' hold the progress log, never images"]))
        }
        // O_NOFOLLOW and O_NONBLOCK: the resolved path is opened without following a link swapped in
        // since, and a FIFO cannot hang validation.
        let fd = open(real, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else {
            return .failure(
                Problem(message: "\(shown) cannot be opened: \(String(cString: strerror(errno)))", notes: []))
        }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG else {
            return .failure(
                Problem(message: "\(shown) is not a regular file", notes: ["an image is a PNG, JPEG or SVG file"]))
        }
        let size = Int(st.st_size)
        if size > limit {
            return .failure(
                Problem(
                    message: "\(shown) is \(size) bytes; the limit is \(limit) bytes",
                    notes: ["scale it down: a printed card shows it about 6 cm wide"]))
        }
        var bytes = [UInt8](repeating: 0, count: size)
        var done = 0
        while done < size {
            let n = bytes.withUnsafeMutableBytes { read(fd, $0.baseAddress! + done, size - done) }
            if n < 0, errno == EINTR { continue }
            if n <= 0 { break }
            done += n
        }
        if done < size { bytes.removeLast(size - done) }
        guard let mime = mimeType(bytes) else {
            return .failure(
                Problem(
                    message: "\(shown) is not a PNG, JPEG or SVG image",
                    notes: ["its first bytes are not those of a PNG, a JPEG or an SVG file, whatever its name says"]))
        }
        if mime == "image/svg+xml", let problem = SVGSafety.problem(bytes) {
            return .failure(Problem(message: "\(shown): \(problem.message)", notes: problem.notes))
        }
        return .success(Image(bytes: bytes, mimeType: mime))
    }

    /// `image/png` or `image/jpeg` from the file's magic bytes, `image/svg+xml` for text that
    /// opens with `<` (after a byte order mark and white space) and has an `<svg` element; else nil.
    public static func mimeType(_ bytes: [UInt8]) -> String? {
        if bytes.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return "image/png" }
        if bytes.count > 3, bytes.starts(with: [0xFF, 0xD8, 0xFF]) { return "image/jpeg" }
        let text = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? bytes.dropFirst(3) : bytes[...]
        if text.first(where: { ![0x20, 0x09, 0x0A, 0x0D].contains($0) }) == UInt8(ascii: "<"),
            String(decoding: text.prefix(4096), as: UTF8.self).lowercased().contains("<svg")
        {
            return "image/svg+xml"
        }
        return nil
    }

    /// The canonical path (every link and `..` resolved), or nil when it does not exist.
    public static func realPath(_ path: String) -> String? {
        guard let p = realpath(path, nil) else { return nil }
        defer { free(p) }
        return String(cString: p)
    }
}
