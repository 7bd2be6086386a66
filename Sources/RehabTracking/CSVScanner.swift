/// RFC 4180 fields from bytes fed in chunks, with the line each row starts on. Outside quotes a
/// row ends at LF, CR LF or CR; inside quotes every byte is kept. Limits: `LogCSV.maxFieldBytes`
/// per field, `maxRowBytes` per row, `maxFields` per row; past one, the row is an error and the rest
/// of it is skipped without being kept.
struct CSVScanner {
    struct Field {
        var bytes: [UInt8]
        var quoted: Bool
    }

    struct ScannedRow {
        var line: Int
        var fields: [Field]
        var problem: LogCSV.Problem?
    }

    enum State { case fieldStart, unquoted, quoted, quoteInQuoted, afterQuoted }

    var line = 1
    var rowLine = 1
    var state = State.fieldStart
    var field: [UInt8] = []
    var quoted = false
    var fields: [Field] = []
    var rowBytes = 0
    var problem: LogCSV.Problem?
    var skipLF = false
    var sawBOMCheck = false
    var bomBytes = 0

    mutating func fail(_ message: String) {
        if problem == nil { problem = LogCSV.Problem(row: rowLine, column: fields.count + 1, message: message) }
    }

    mutating func append(_ b: UInt8) {
        rowBytes += 1
        if problem != nil { return }
        if rowBytes > LogCSV.maxRowBytes {
            fail("the row is longer than \(LogCSV.maxRowBytes) bytes (the limit); the rest of it was not read")
        } else if field.count >= LogCSV.maxFieldBytes {
            fail("the field is longer than \(LogCSV.maxFieldBytes) bytes (the limit); the rest of it was not read")
        } else {
            field.append(b)
        }
    }

    mutating func endField() {
        if problem == nil {
            if fields.count >= LogCSV.maxFields {
                fail("more than \(LogCSV.maxFields) fields in the row")
            } else {
                fields.append(Field(bytes: field, quoted: quoted))
            }
        }
        field.removeAll(keepingCapacity: true)
        quoted = false
        state = .fieldStart
    }

    mutating func endRow(_ emit: (ScannedRow) -> Void) {
        endField()
        let blank = problem == nil && fields.count == 1 && fields[0].bytes.isEmpty && !fields[0].quoted
        if !blank { emit(ScannedRow(line: rowLine, fields: fields, problem: problem)) }
        fields.removeAll(keepingCapacity: true)
        problem = nil
        rowBytes = 0
        line += 1
        rowLine = line
    }

    mutating func feed(_ buffer: UnsafeBufferPointer<UInt8>, emit: (ScannedRow) -> Void) {
        let lf = UInt8(ascii: "\n")
        for b in buffer {
            // A UTF-8 byte order mark at the very start is not part of the first field.
            if !sawBOMCheck {
                let bom: [UInt8] = [0xEF, 0xBB, 0xBF]
                if b == bom[bomBytes] {
                    bomBytes += 1
                    if bomBytes == 3 { sawBOMCheck = true }
                    continue
                }
                sawBOMCheck = true
                for x in bom.prefix(bomBytes) { step(x, emit) }
            }
            if skipLF {
                skipLF = false
                if b == lf { continue }
            }
            step(b, emit)
        }
    }

    /// Ends the field at a comma, or the row at a line break (CR LF counted once); says whether `b` was one of them.
    private mutating func delimits(_ b: UInt8, _ emit: (ScannedRow) -> Void) -> Bool {
        switch b {
        case UInt8(ascii: ","):
            endField()
        case UInt8(ascii: "\n"):
            endRow(emit)
        case UInt8(ascii: "\r"):
            endRow(emit)
            skipLF = true
        default:
            return false
        }
        return true
    }

    mutating func step(_ b: UInt8, _ emit: (ScannedRow) -> Void) {
        let quote = UInt8(ascii: "\"")
        let lf = UInt8(ascii: "\n")
        switch state {
        case .quoted:
            if b == quote {
                state = .quoteInQuoted
            } else {
                if b == lf { line += 1 }
                append(b)
            }
        case .quoteInQuoted:
            if b == quote {
                append(quote)
                state = .quoted
            } else {
                state = .afterQuoted
                step(b, emit)
            }
        case .afterQuoted:
            if !delimits(b, emit) {
                rowBytes += 1
                fail("characters after the closing quote of a field")
            }
        case .fieldStart:
            if b == quote {
                quoted = true
                state = .quoted
            } else {
                state = .unquoted
                step(b, emit)
            }
        case .unquoted:
            if b == quote {
                rowBytes += 1
                fail("a quote inside an unquoted field (quote the whole field and double the quote)")
            } else if !delimits(b, emit) {
                append(b)
            }
        }
    }

    mutating func finish(_ emit: (ScannedRow) -> Void) {
        if !sawBOMCheck, bomBytes > 0 {
            sawBOMCheck = true
            for x in [UInt8]([0xEF, 0xBB, 0xBF]).prefix(bomBytes) { step(x, emit) }
        }
        if state == .quoted {
            fail("a quoted field is never closed")
            state = .unquoted
        }
        if state != .fieldStart || !fields.isEmpty || problem != nil {
            endRow(emit)
        }
    }
}
