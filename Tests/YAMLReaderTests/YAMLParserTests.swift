import PropertyBased
import TestSupport
import Testing

@testable import YAMLReader

struct YAMLParserTests {
    func parse(_ text: String, limits: YAMLLimits = .default) throws -> YAMLNode? {
        try YAMLParser.parse(Array(text.utf8), limits: limits)
    }

    func failure(_ bytes: [UInt8], limits: YAMLLimits = .default) -> YAMLParseError? {
        do {
            _ = try YAMLParser.parse(bytes, limits: limits)
            return nil
        } catch {
            return error
        }
    }

    func failure(_ text: String, limits: YAMLLimits = .default) -> YAMLParseError? {
        failure(Array(text.utf8), limits: limits)
    }

    @Test func everyKeyAndValueCarriesItsMark() throws {
        let input = MarkedText(
            """
            ‸id: ‸walking
            ‸steps:
              - ‸Stand tall.
              - ‸"Walk slowly."
            ‸dose: ‸{‸minutes: ‸10}
            """)
        let root = try #require(try parse(input.text))
        let pairs = try #require(root.mapping)
        let m = input.marks
        #expect(root.mark == m[0])
        #expect(pairs[0].key.mark == m[0])
        #expect(pairs[0].value.mark == m[1])
        #expect(pairs[1].key.mark == m[2])
        let steps = try #require(pairs[1].value.sequence)
        #expect(steps.map(\.mark) == [m[3], m[4]])
        #expect(steps[1].scalar == "Walk slowly.")
        #expect(pairs[2].key.mark == m[5])
        #expect(pairs[2].value.mark == m[6])
        let dose = try #require(pairs[2].value.mapping)
        #expect(dose[0].key.mark == m[7])
        #expect(dose[0].value.mark == m[8])
        #expect(dose[0].value.scalar == "10")
    }

    @Test func columnsCountCharactersNotBytes() throws {
        let input = MarkedText("name: \"Übung für Rücken\"\nsteps: [‸Atmen]\n")
        let root = try #require(try parse("name: \"Übung für Rücken\"\nsteps: [Atmen]\n"))
        let step = try #require(root.mapping?[1].value.sequence?.first)
        #expect(step.mark == input.marks[0])
    }

    @Test func scalarStylesAreKept() throws {
        let root = try #require(try parse("a: true\nb: \"true\"\nc: 'x'\nd: |\n  line\n"))
        let pairs = try #require(root.mapping)
        #expect(pairs[0].value.isPlainScalar)
        #expect(!pairs[1].value.isPlainScalar)
        guard case .scalar(_, .singleQuoted) = pairs[2].value.content else {
            Issue.record("expected single-quoted")
            return
        }
        guard case .scalar("line\n", .literal) = pairs[3].value.content else {
            Issue.record("expected literal")
            return
        }
    }

    @Test func nullsAreRecognisedOnlyWhenPlain() throws {
        let root = try #require(try parse("a: ~\nb:\nc: null\nd: \"null\"\n"))
        #expect(root.mapping!.map(\.value.isNull) == [true, true, true, false])
    }

    @Test func emptyTextHasNoDocument() throws {
        #expect(try parse("") == nil)
        #expect(try parse("# only a comment\n") == nil)
    }

    // MARK: Hostile and mistaken files

    @Test func duplicateKeyIsLocatedAtTheSecondWithANoteOnTheFirst() {
        let input = MarkedText("id: a\nname: A\n‸id: b\n")
        let error = failure(input.text)
        #expect(error?.message == "duplicate key 'id'")
        #expect(error?.mark == input.marks[0])
        #expect(error?.notes == ["first given at line 1, column 1"])
    }

    @Test func duplicateKeyInALargeMappingIsFound() {
        var text = (0..<40).map { "k\($0): \($0)" }.joined(separator: "\n")
        text += "\nk7: again\n"
        #expect(failure(text)?.message == "duplicate key 'k7'")
        #expect(failure(text)?.mark == Mark(line: 41, column: 1))
    }

    @Test func secondDocumentIsRejected() {
        let input = MarkedText("id: a\n‸---\nid: b\n")
        let error = failure(input.text)
        #expect(error?.message == "file holds more than one YAML document")
        #expect(error?.mark == input.marks[0])
    }

    @Test func billionLaughsFailsFastInBoundedMemory() {
        var lines = ["a: &a [\"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\"]"]
        let names = ["b", "c", "d", "e", "f", "g", "h", "i"]
        var previous = "a"
        for name in names {
            lines.append(
                "\(name): &\(name) [" + Array(repeating: "*\(previous)", count: 9).joined(separator: ", ") + "]")
            previous = name
        }
        let error = failure(lines.joined(separator: "\n"))
        #expect(error?.message == "aliases expand to more than 10000 nodes")
        #expect(error?.mark.line ?? 0 <= 5, "it stops at the first line that crosses the bound")
    }

    @Test func smallAliasesStillWork() throws {
        let root = try #require(try parse("base: &b {minutes: 10}\nother: *b\n"))
        #expect(root.mapping?[1].value.mapping?[0].value.scalar == "10")
    }

    @Test func unknownAliasIsLocated() {
        let input = MarkedText("a: ‸*nope\n")
        // libyaml reports undefined aliases itself only in its loader; the event parser leaves it to us.
        let error = failure(input.text)
        #expect(error?.message == "unknown alias '*nope'")
        #expect(error?.mark == input.marks[0])
    }

    @Test func deepNestingIsRejected() {
        let deep = String(repeating: "[", count: 100) + String(repeating: "]", count: 100)
        let error = failure(deep)
        #expect(error?.message == "nesting is deeper than 64 levels")
        #expect(error?.mark == Mark(line: 1, column: 65))
        // Far deeper input fails just as quickly, with no recursion to overflow.
        let deeper = String(repeating: "[", count: 200_000)
        #expect(failure(deeper)?.message == "nesting is deeper than 64 levels")
    }

    @Test func oversizeFileIsRejectedBeforeParsing() {
        let error = failure("a: b\n", limits: YAMLLimits(maxBytes: 4))
        #expect(error?.message == "file is 5 bytes; the limit is 4 bytes")
        #expect(error?.mark == Mark(line: 1, column: 1))
    }

    @Test func binaryFileIsRejectedWithTheNulLocated() {
        let bytes: [UInt8] = Array("id: a\nna".utf8) + [0, 1, 2]
        let error = failure(bytes)
        #expect(error?.message == "file holds a NUL byte: it looks binary, not YAML text")
        #expect(error?.mark == Mark(line: 2, column: 3))
    }

    @Test func invalidUTF8IsRejectedWithItsLocation() {
        let bytes: [UInt8] = Array("id: a\nname: caf".utf8) + [0xE9] + Array("\n".utf8)
        let error = failure(bytes)
        #expect(error?.message.hasPrefix("file is not valid UTF-8 text") == true, "\(String(describing: error))")
        #expect(error?.mark == Mark(line: 2, column: 10))
    }

    @Test func utf16IsRejected() {
        let bytes: [UInt8] = [0xFF, 0xFE] + Array("i\0d\0".utf8)
        #expect(failure(bytes)?.message == "file is UTF-16, not UTF-8")
    }

    @Test func tabIndentationGetsAHint() {
        let error = failure("steps:\n\t- one\n")
        #expect(error?.mark.line == 2)
        #expect(error?.notes.contains("YAML indents with spaces; this line has a tab") == true)
    }

    @Test func unquotedColonGetsAHint() {
        let error = failure("summary: Note: walk slowly\n")
        #expect(error?.message == "invalid YAML: mapping values are not allowed in this context")
        #expect(error?.mark == Mark(line: 1, column: 14))
        #expect(error?.notes.contains("a value that contains ': ' must be put in quotes") == true)
    }

    @Test func oneLargeScalarAliasedManyTimesIsRefusedByBytes() {
        // 900 KB once, then 9,000 aliases: few nodes, 8 GB of text once expanded.
        let big = String(repeating: "x", count: 900_000)
        let text = "a: &a \(big)\nb: [" + Array(repeating: "*a", count: 9_000).joined(separator: ", ") + "]\n"
        #expect(text.utf8.count < YAMLLimits.default.maxBytes)
        let error = failure(text)
        #expect(error?.message == "aliases expand to more than 1048576 bytes")
        // The first alias fits (900 KB); the second crosses the bound.
        #expect(error?.mark == Mark(line: 2, column: 9))
        #expect(error?.notes == ["write the values out instead of repeating '*a'"])
    }

    @Test func aliasBytesCountNestedScalarsAndKeys() {
        let limits = YAMLLimits(maxAliasBytes: 20)
        // The anchored mapping holds 4 + 5 + 3 + 5 = 17 bytes of keys and values.
        let text = "a: &a {key1: value, key: other}\nb: *a\nc: *a\n"
        let error = failure(text, limits: limits)
        #expect(error?.message == "aliases expand to more than 20 bytes")
        #expect(error?.mark == Mark(line: 3, column: 4))
    }

    @Test func byteOrderMarkIsAccepted() throws {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("id: a\nname: ‸B\n".utf8)
        let input = MarkedText(String(decoding: bytes, as: UTF8.self))
        let root = try #require(try YAMLParser.parse(input.bytes))
        #expect(root.mapping?.map { $0.key.scalar } == ["id", "name"])
        #expect(root.mark == Mark(line: 1, column: 1), "columns count from the character after the mark")
        #expect(root.mapping?[1].value.mark == input.marks[0])
        #expect(try YAMLParser.scanEvents(input.bytes) == 10, "the bare scan skips the mark too")
    }

    @Test func byteOrderMarkStillLocatesErrors() {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("id: a\nid: b\n".utf8)
        #expect(failure(bytes)?.mark == Mark(line: 2, column: 1))
    }

    @Test(arguments: [
        ("a: ‸!!binary R0lGODlh\n", "unsupported YAML tag '!!binary'"),
        ("a: ‸!custom x\n", "unsupported YAML tag '!custom'"),
        ("a: ‸! x\n", "unsupported YAML tag '!'"),
        ("a: ‸!<tag:example.com,2026:x> y\n", "unsupported YAML tag 'tag:example.com,2026:x'"),
        ("a: ‸!!map {b: c}\n", "unsupported YAML tag '!!map'"),
        ("a: ‸!!seq [b]\n", "unsupported YAML tag '!!seq'"),
        ("‸!!set {b}\n", "unsupported YAML tag '!!set'"),
        ("a: [‸!!timestamp 2026-01-01]\n", "unsupported YAML tag '!!timestamp'"),
        ("‸!!python/object:os.system x: y\n", "unsupported YAML tag '!!python/object:os.system'"),
        ("a: ‸!!int ten\n", "'ten' is tagged '!!int' but is not an integer"),
        ("a: ‸!!float many\n", "'many' is tagged '!!float' but is not a number"),
        ("a: ‸!!bool maybe\n", "'maybe' is tagged '!!bool' but is not true or false"),
        ("a: ‸!!null x\n", "'x' is tagged '!!null' but is not null"),
    ])
    func nonStandardTagsAreLocatedErrors(_ marked: String, _ message: String) {
        let input = MarkedText(marked)
        let error = failure(input.text)
        #expect(error?.message == message)
        #expect(error?.mark == input.marks[0])
    }

    @Test func tagDirectiveIsAnError() {
        let error = failure("%TAG !e! tag:example.com,2026:\n---\na: !e!x y\n")
        #expect(error?.message == "YAML %TAG directives are not supported ('%TAG !e!')")
        #expect(error?.mark.line ?? 0 <= 2)
    }

    @Test func versionDirectiveIsStillAccepted() throws {
        #expect(try parse("%YAML 1.1\n---\na: b\n")?.mapping?.count == 1)
    }

    @Test func standardScalarTagsAreRead() throws {
        let root = try #require(try parse("a: !!int 10\nb: !!str 10\nc: !!bool true\nd: !!null\ne: !!float \"2.5\"\n"))
        let values = try #require(root.mapping?.map(\.value))
        #expect(values[0].isPlainScalar && values[0].scalar == "10")
        #expect(!values[1].isPlainScalar && values[1].scalar == "10", "!!str keeps a number as text")
        #expect(values[2].isPlainScalar && values[2].scalar == "true")
        #expect(values[3].isNull)
        #expect(values[4].isPlainScalar && values[4].scalar == "2.5", "!!float reads a quoted number as a number")
    }

    @Test func bareEventScanCountsEvents() throws {
        // stream, document, mapping start, 2 scalars, mapping end, document end, stream end.
        #expect(try YAMLParser.scanEvents(Array("a: b\n".utf8)) == 8)
    }

    // MARK: Properties

    /// Any mapping of simple keys to plain or quoted values reads back with each key at the
    /// start of its line and each value right after "key: ".
    @Test func generatedMappingsReadBackWithTheirMarks() async {
        let word = Gen.lowercaseLetter.string(of: 1...12)
        let value = Gen.letterOrNumber.string(of: 1...20)
        await propertyCheck(input: word.array(of: 1...20), value.array(of: 20...20), Gen.bool) { keys, values, quoted in
            let unique = Array(Set(keys)).sorted()
            let lines = unique.enumerated().map { i, k in "\(k): \(quoted ? "\"\(values[i])\"" : "v\(values[i])")" }
            let root = try? YAMLParser.parse(Array(lines.joined(separator: "\n").utf8))
            let pairs = root?.mapping ?? []
            #expect(pairs.count == unique.count)
            for (i, pair) in pairs.enumerated() {
                #expect(pair.key.scalar == unique[i])
                #expect(pair.key.mark == Mark(line: i + 1, column: 1))
                #expect(pair.value.mark == Mark(line: i + 1, column: unique[i].count + 3))
                #expect(pair.value.scalar == (quoted ? values[i] : "v\(values[i])"))
            }
        }
    }
}
