// The libFuzzer entry point: built by scripts/fuzz.sh into one module with RehabKit's sources
// (YAMLReader as its own module), so the internal document readers are reachable.
//
// Each input is read as YAML, then by every document reader (exercise, plan, profile, rules):
// whatever the bytes, reading must end with a value or diagnostics, never a crash, a hang or a
// runaway allocation.
import YAMLReader

@_cdecl("LLVMFuzzerTestOneInput")
public func rehabFuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    _ = try? YAMLParser.scanEvents(bytes)
    if let node = try? YAMLParser.parse(bytes) {
        _ = ExerciseReader.read(node, NodeReader(file: "fuzz.yaml"))
        _ = PlanReader.read(node, NodeReader(file: "fuzz.yaml"))
        _ = ProfileReader.read(node, NodeReader(file: "fuzz.yaml"))
        // Diagnostics are rendered too: messages quote values from the input.
        let reader = NodeReader(file: "fuzz.yaml")
        _ = PlanReader.read(node, reader)
        _ = reader.diagnostics.sortedForReport().map(\.description)
    }
    _ = RuleSet.read(bytes, file: "fuzz-rules.yaml", origin: "fuzz")
    return 0
}
