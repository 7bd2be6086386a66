import YAMLReader

/// Reads a rules file (a YAML list of rules, FORMAT.md §4) with located errors: unknown keys,
/// unknown profile fields, movement tags, kinds and words, each with did-you-mean.
enum RuleReader {
    static let ruleKeys = [
        "id", "title", "rationale", "source", "superseded_by", "when", "then", "when_missing", "examples", "weakens",
        "reason",
    ]
    /// The keys of `then`: the scope, the alert and its messages, and every effect kind's keys.
    static let effectKeys =
        ["except_kinds", "except", "applies_to", "alert", "message", "patient_message"] + RuleEffectKinds.keys
    static let operators = ["is", "at_least", "at_most", "below", "above", "includes_any", "is_missing"]

    static func read(_ root: YAMLNode, _ r: NodeReader, origin: String) -> [SafetyRule] {
        guard let items = root.sequence else {
            r.error("a rules file must be a list of rules ('- id: …'), not \(root.kindDescription)", at: root)
            return []
        }
        return items.compactMap { readRule($0, r, origin: origin) }
    }

    static func readRule(_ node: YAMLNode, _ r: NodeReader, origin: String) -> SafetyRule? {
        // Errors only: a warning (about an example profile, say) never drops a rule.
        let before = r.errorCount
        guard let f = r.fields(node, "a rule", known: ruleKeys, required: ["id", "title", "source", "when", "then"])
        else {
            return nil
        }
        let id = r.identifier(f["id"], "id")
        let title = r.string(f["title"], "title")
        let rationale = r.string(f["rationale"], "rationale")
        let source = r.string(f["source"], "source")
        let when = f["when"].flatMap { readCondition($0, r) }
        let then = f["then"].flatMap { readEffect($0, r) }
        let whenMissing = r.word(f["when_missing"], "when_missing", as: MissingPolicy.self)
        let (examples, expectations) = f["examples"].map { readExamples($0, r) } ?? ([], [])
        let weakens = r.bool(f["weakens"], "weakens") ?? false
        let reason = r.string(f["reason"], "reason")
        let supersededBy =
            r.list(f["superseded_by"], "superseded_by") { r.identifier($0, "rule id").map { RuleID($0.value) } } ?? []
        if weakens, reason == nil, let at = f.key("weakens") {
            r.error("weakens: true needs a reason: why the clinic blocks or alerts less than the default", at: at)
        }
        guard r.errorCount == before, let id, let title, let source, let when, let then else { return nil }
        return SafetyRule(
            id: RuleID(id.value), title: title, rationale: rationale, source: source, when: when, then: then,
            whenMissing: whenMissing ?? .apply, examples: examples, expectations: expectations,
            weakens: weakens, reason: reason, supersededBy: supersededBy, origin: origin, location: id.location)
    }

    // MARK: Conditions

    static func readCondition(_ node: YAMLNode, _ r: NodeReader) -> RuleCondition? {
        guard let pairs = node.mapping else {
            r.error(
                "a condition must be a mapping such as {field: pain, at_least: 7}, not \(node.kindDescription)",
                at: node)
            return nil
        }
        let keys = pairs.compactMap { $0.key.scalar }
        for combinator in ["any", "all", "not"] where keys.contains(combinator) {
            guard keys.count == 1 else {
                r.error(
                    "'\(combinator)' stands alone in its condition", at: node,
                    notes: ["put the other comparisons inside it, or in an 'all' beside it"])
                return nil
            }
            let inner = pairs[0].value
            if combinator == "not" { return readCondition(inner, r).map(RuleCondition.not) }
            guard let list = r.list(inner, combinator, { readCondition($0, r) }) else { return nil }
            if inner.sequence?.isEmpty == true { r.error("'\(combinator)' needs at least one condition", at: inner) }
            guard list.count == inner.sequence?.count else { return nil }
            return combinator == "any" ? .any(list) : .all(list)
        }
        guard let f = r.fields(node, "a condition", known: ["field"] + operators, required: ["field"]) else {
            return nil
        }
        let ops = operators.filter { f.has($0) }
        guard ops.count == 1 else {
            if f.has("field") {
                r.error(
                    ops.isEmpty
                        ? "a condition needs one comparison" : "a condition takes one comparison, not \(ops.count)",
                    at: node, notes: ["one of: \(operators.joined(separator: ", ")); combine several with 'all'"])
            }
            return nil
        }
        guard let pathNode = f["field"], let text = r.string(pathNode, "field") else { return nil }
        guard let path = FieldPath(text) else {
            r.error(
                "field '\(text)' is not a dotted path", at: pathNode,
                notes: ["for example labs.platelets or long_bone_lesions[limb=lower].mirels"])
            return nil
        }
        guard let type = fieldType(path, pathNode, r) else { return nil }
        let op = ops[0]
        let value = f[op]!
        let comparison: RuleCondition.Comparison?
        switch op {
        case "is": comparison = readIs(value, type, text, r)
        case "includes_any":
            comparison = r.strings(value, "includes_any").flatMap { words in
                checkWords(words, type, value, r) ? .includesAny(words) : nil
            }
        case "is_missing": comparison = r.bool(value, "is_missing").map { .isMissing($0) }
        default:
            guard type == .number else {
                r.error("'\(op)' compares numbers, but '\(text)' is \(type.name)", at: f.key(op)!)
                return nil
            }
            guard let n = r.number(value, op, in: -1e9...1e9) else { return nil }
            switch op {
            case "at_least": comparison = .atLeast(n)
            case "at_most": comparison = .atMost(n)
            case "below": comparison = .below(n)
            default: comparison = .above(n)
            }
        }
        return comparison.map { .compare(path, $0) }
    }

    /// The type of the field a path names, or nil (reported) when the profile has no such field.
    static func fieldType(_ path: FieldPath, _ node: YAMLNode, _ r: NodeReader) -> FieldType? {
        let segments = path.segments
        var keys: [String] = []
        for (i, segment) in segments.enumerated() {
            let name: String
            let selector: (field: String, value: String)?
            switch segment {
            case .key(let k): (name, selector) = (k, nil)
            case .select(let k, let field, let value): (name, selector) = (k, (field, value))
            }
            keys.append(name)
            let prefix = keys.joined(separator: ".")
            guard let type = ProfileSchema.fields[prefix] else {
                if selector != nil { return unknownField(path.description, node, r) }
                continue
            }
            guard case .records(let fields) = type else {
                if selector != nil {
                    r.error(
                        "'\(prefix)' is not a list of records; '[…]' selects from lists such as long_bone_lesions",
                        at: node)
                    return nil
                }
                return i == segments.count - 1 ? type : unknownField(path.description, node, r)
            }
            if let selector {
                guard let selectorType = fields[selector.field] else {
                    r.error(
                        "'\(prefix)' entries have no field '\(selector.field)'", at: node,
                        notes: [
                            DidYouMean.note(for: selector.field, in: fields.keys.sorted())
                                ?? "fields: \(fields.keys.sorted().joined(separator: ", "))"
                        ])
                    return nil
                }
                if case .word(let words) = selectorType, !words.contains(selector.value) {
                    r.error(
                        "unknown \(selector.field) '\(selector.value)' in '\(path)'", at: node,
                        notes: [
                            DidYouMean.note(for: selector.value, in: words)
                                ?? "expected one of: \(words.joined(separator: ", "))"
                        ])
                    return nil
                }
            }
            let rest = segments[(i + 1)...]
            if rest.isEmpty { return type }
            guard rest.count == 1, case .key(let sub) = rest.first!, let subType = fields[sub] else {
                return unknownField(path.description, node, r)
            }
            return subType
        }
        return unknownField(path.description, node, r)
    }

    private static func unknownField(_ text: String, _ node: YAMLNode, _ r: NodeReader) -> FieldType? {
        var names = ProfileSchema.fields.keys.sorted()
        for (name, type) in ProfileSchema.fields {
            if case .records(let fields) = type { names += fields.keys.map { "\(name).\($0)" } }
        }
        r.error(
            "unknown profile field '\(text)'", at: node,
            notes: [DidYouMean.note(for: text, in: names) ?? "see 'rehab rules fields' for the fields rules may name"])
        return nil
    }

    static func readIs(_ value: YAMLNode, _ type: FieldType, _ field: String, _ r: NodeReader) -> RuleCondition
        .Comparison?
    {
        switch type {
        case .bool: return r.bool(value, "is").map { .equals(.bool($0)) }
        case .number: return r.number(value, "is", in: -1e9...1e9).map { .equals(.number($0)) }
        case .word:
            guard let s = r.string(value, "is") else { return nil }
            return checkWords([s], type, value, r) ? .equals(.text(s)) : nil
        case .text, .date: return r.string(value, "is").map { .equals(.text($0)) }
        case .words, .records:
            r.error("'\(field)' is \(type.name); compare it with includes_any or is_missing", at: value)
            return nil
        }
    }

    static func checkWords(_ words: [String], _ type: FieldType, _ node: YAMLNode, _ r: NodeReader) -> Bool {
        let known: [String]?
        switch type {
        case .word(let w): known = w
        case .words(let w): known = w
        case .text: known = nil
        default:
            r.error("includes_any needs a word or a list field, not \(type.name)", at: node)
            return false
        }
        guard let known else { return true }
        var ok = true
        for w in words where !known.contains(w) {
            r.error(
                "unknown value '\(w)'", at: node,
                notes: [DidYouMean.note(for: w, in: known) ?? "expected one of: \(known.joined(separator: ", "))"])
            ok = false
        }
        return ok
    }

    // MARK: Effects

    static func readEffect(_ node: YAMLNode, _ r: NodeReader) -> RuleEffect? {
        guard let f = r.fields(node, "a rule's 'then'", known: effectKeys) else { return nil }
        var e = RuleEffect()
        e.effects = RuleEffectKinds.all.compactMap { $0.read(f, r) }
        e.scope = RuleScope(
            exceptKinds: kinds(f["except_kinds"], "except_kinds", r),
            except: r.list(f["except"], "except") { filter($0, "an exception", r) } ?? [],
            appliesTo: f["applies_to"].flatMap { filter($0, "applies_to", r) })
        e.alert = r.word(f["alert"], "alert", as: AlertLevel.self)
        e.message = r.string(f["message"], "message")
        e.patientMessage = r.string(f["patient_message"], "patient_message")
        if e.alert != nil, e.message == nil, let a = f.key("alert") {
            r.error("an alert needs a message", at: a, notes: ["say in plain words what to do and whom to contact"])
        }
        if e.alert != nil, e.message != nil, e.patientMessage == nil, let a = f.key("alert") {
            r.warning(
                "an alert without patient_message shows the care team's message on the patient's sheet", at: a,
                notes: ["add patient_message: plain words, no scores or abbreviations"])
        }
        return e
    }

    static func movements(_ node: YAMLNode?, _ what: String, _ r: NodeReader) -> Set<Movement> {
        Set(r.list(node, what) { r.word($0, "movement tag", as: Movement.self) } ?? [])
    }

    static func kinds(_ node: YAMLNode?, _ what: String, _ r: NodeReader) -> Set<ExerciseKind> {
        Set(r.list(node, what) { r.word($0, "kind", as: ExerciseKind.self) } ?? [])
    }

    static func filter(_ node: YAMLNode, _ what: String, _ r: NodeReader) -> ItemFilter? {
        guard let f = r.fields(node, what, known: ["kinds", "positions", "movements", "combinations"]) else {
            return nil
        }
        return ItemFilter(
            kinds: kinds(f["kinds"], "kinds", r),
            positions: Set(r.list(f["positions"], "positions") { r.word($0, "position", as: Position.self) } ?? []),
            movements: movements(f["movements"], "movements", r),
            combinations: combinations(f["combinations"], "combinations", r))
    }

    /// `[[spinal-flexion, lifting], …]`: each a set of at least two movement tags.
    static func combinations(_ node: YAMLNode?, _ what: String, _ r: NodeReader) -> [Set<Movement>] {
        r.list(node, what) { combo -> Set<Movement>? in
            let set = movements(combo, "a combination", r)
            if set.count < 2 { r.error("a combination names at least two movement tags", at: combo) }
            return set
        } ?? []
    }

    // MARK: Examples

    static func readExamples(_ node: YAMLNode, _ r: NodeReader) -> ([RuleExample], [RuleExpectation]) {
        guard let f = r.fields(node, "examples", known: ["triggers", "does_not_trigger", "expect"]) else {
            return ([], [])
        }
        var out: [RuleExample] = []
        for (key, triggers) in [("triggers", true), ("does_not_trigger", false)] {
            out +=
                r.list(f[key], key) { example -> RuleExample? in
                    guard let (profile, asOf) = exampleProfile(example, r) else { return nil }
                    return RuleExample(profile: profile, asOf: asOf, triggers: triggers, location: r.location(example))
                } ?? []
        }
        let expectations = r.list(f["expect"], "expect") { readExpectation($0, r) } ?? []
        return (out, expectations)
    }

    /// A profile mapping of an example, with `as_of` taken out.
    static func exampleProfile(_ example: YAMLNode, _ r: NodeReader) -> (SafetyProfile, LocalDate?)? {
        guard var pairs = example.mapping else {
            r.error("an example is a profile mapping, not \(example.kindDescription)", at: example)
            return nil
        }
        var asOf: LocalDate?
        if let i = pairs.firstIndex(where: { $0.key.scalar == "as_of" }) {
            asOf = r.date(pairs[i].value, "as_of")
            pairs.remove(at: i)
        }
        var stripped = example
        stripped.content = .mapping(pairs)
        guard let profile = ProfileReader.read(stripped, r, partial: true) else { return nil }
        return (profile, asOf)
    }

    /// `{profile: {...}, as_of: D, blocked: [ids], supervised: [...], modified: [...], precaution: [...], alert: LEVEL|none}`.
    static func readExpectation(_ node: YAMLNode, _ r: NodeReader) -> RuleExpectation? {
        let sets = ["blocked", "supervised", "modified", "precaution"]
        guard
            let f = r.fields(
                node, "an expectation", known: ["profile", "as_of"] + sets + ["alert"], required: ["profile"]),
            let profileNode = f["profile"], let (profile, _) = exampleProfile(profileNode, r)
        else { return nil }
        let known = ReferenceExercises.ids
        func ids(_ key: String) -> Set<String>? {
            guard
                let list = r.list(
                    f[key], key,
                    { item -> String? in
                        guard let id = r.string(item, "an exercise id") else { return nil }
                        guard known.contains(id) else {
                            r.error(
                                "'\(id)' is not a reference exercise", at: item,
                                notes: [
                                    DidYouMean.note(for: id, in: known)
                                        ?? "reference exercises: \(known.joined(separator: ", "))"
                                ])
                            return nil
                        }
                        return id
                    })
            else { return nil }
            return Set(list)
        }
        var alert: AlertLevel?? = nil
        if let node = f["alert"] {
            if node.scalar == "none" {
                alert = .some(nil)
            } else {
                alert = .some(r.word(node, "alert", as: AlertLevel.self))
            }
        }
        return RuleExpectation(
            profile: profile, asOf: f["as_of"].flatMap { r.date($0, "as_of") },
            blocked: ids("blocked"), supervised: ids("supervised"), modified: ids("modified"),
            precaution: ids("precaution"), alert: alert, location: r.location(node))
    }
}
