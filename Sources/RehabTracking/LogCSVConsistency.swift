extension LogCSV {
    /// What must hold of the CSV reader whatever the bytes, for the fuzz target (`Fuzz/FuzzTarget.swift`)
    /// and its regression tests; nil when it holds, else what broke:
    ///
    /// 1. where a file's chunks end changes nothing: the bytes read whole, a byte at a time, and in
    ///    chunks of a size the input picks, give the same rows, problems and symptoms;
    /// 2. text (`parse(_:)`) reads as its bytes do;
    /// 3. every row read survives export: the rows exported, read back and exported again give the
    ///    same entries (voidings included), no problem, and the same file (FORMAT.md §6).
    static func consistencyProblem(_ bytes: [UInt8]) -> String? {
        let whole = parse(bytes: bytes, chunkSize: max(1, bytes.count))
        let chunk = 1 + Int(bytes.first ?? 0) % 13
        for (name, other) in [
            ("a byte at a time", parse(bytes: bytes, chunkSize: 1)),
            ("in chunks of \(chunk)", parse(bytes: bytes, chunkSize: chunk)),
        ] {
            if let difference = difference(whole, other) { return "read \(name): \(difference)" }
        }
        if let text = String(validating: bytes, as: UTF8.self), let difference = difference(whole, parse(text)) {
            return "read as text: \(difference)"
        }
        let exported = export(
            whole.rows.enumerated().map {
                StoredEntry(id: Int64($0.offset + 1), entry: $0.element.entry, voided: $0.element.voided)
            })
        let back = parse(exported)
        if !back.problems.isEmpty {
            return
                "the export of the rows read does not read back: \(back.problems.map(\.message)) in \(exported.debugDescription)"
        }
        if back.rows.count != whole.rows.count {
            return "\(whole.rows.count) rows exported, \(back.rows.count) read back from \(exported.debugDescription)"
        }
        for (a, b) in zip(whole.rows, back.rows) where a.entry != b.entry || a.voided != b.voided {
            return
                "row \(a.row) exported and read back changed: \(a.entry) \(String(describing: a.voided)) → \(b.entry) \(String(describing: b.voided))"
        }
        let again = export(
            back.rows.enumerated().map {
                StoredEntry(id: Int64($0.offset + 1), entry: $0.element.entry, voided: $0.element.voided)
            })
        if again != exported {
            return "export → import → export changed the file: \(exported.debugDescription) → \(again.debugDescription)"
        }
        return nil
    }

    /// The first difference between two readings, or nil.
    private static func difference(_ a: Parsed, _ b: Parsed) -> String? {
        if a.problems != b.problems { return "problems \(a.problems) ≠ \(b.problems)" }
        if a.symptoms != b.symptoms { return "symptoms \(a.symptoms) ≠ \(b.symptoms)" }
        if a.columns != b.columns { return "columns \(a.columns) ≠ \(b.columns)" }
        if a.rows.count != b.rows.count { return "\(a.rows.count) rows ≠ \(b.rows.count)" }
        for (x, y) in zip(a.rows, b.rows) where x.row != y.row || x.entry != y.entry || x.voided != y.voided {
            return "row \(x.row): \(x.entry) ≠ row \(y.row): \(y.entry)"
        }
        return nil
    }
}
