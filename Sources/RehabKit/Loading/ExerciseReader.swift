import YAMLReader

/// Reads one exercise file (FORMAT.md §1).
enum ExerciseReader {
    static let keys = [
        "id", "name", "kind", "summary", "steps", "position", "movements", "intensity", "dose",
        "equipment", "cautions", "stop_if", "easier", "harder", "image", "picture", "sources", "precaution",
    ]
    static let required = ["id", "name", "kind", "summary", "steps", "movements"]

    static func read(_ root: YAMLNode, _ r: NodeReader) -> Exercise? {
        guard let f = r.fields(root, "an exercise", known: keys, required: required) else { return nil }
        let id = r.identifier(f["id"], "id")
        let name = r.string(f["name"], "name")
        let kind = r.word(f["kind"], "kind", as: ExerciseKind.self)
        let summary = r.string(f["summary"], "summary")
        let steps = r.strings(f["steps"], "steps")
        if let node = f["steps"], steps?.isEmpty == true, node.sequence?.isEmpty == true {
            r.error("steps must list at least one step", at: node)
        }
        let position = r.word(f["position"], "position", as: Position.self)
        let movements = readMovements(f["movements"], r)
        let intensity = r.word(f["intensity"], "intensity", as: Intensity.self)
        let dose = f["dose"].flatMap { DoseReader.read($0, r, "dose", requireAmount: true) }
        let equipment = r.strings(f["equipment"], "equipment")
        let cautions = r.strings(f["cautions"], "cautions")
        let stopIf = r.strings(f["stop_if"], "stop_if")
        let easier = r.identifier(f["easier"], "easier")
        let harder = r.identifier(f["harder"], "harder")
        let image = r.located(f["image"], "image")
        let picture = f["picture"].flatMap {
            PictureReader.read($0, r, position: position ?? .any, movements: movements)
        }
        let sources = r.list(f["sources"], "sources") { readSource($0, r) }
        var precaution = r.bool(f["precaution"], "precaution") ?? false
        guard let id, let name, let kind, let summary, let steps, !steps.isEmpty, let movements else { return nil }
        let where_ = f["movements"]!
        let implied = (position ?? .any).impliedMovements.subtracting(movements)
        if !implied.isEmpty {
            r.warning(
                "position '\(position!.rawValue)' implies \(implied.sorted().map(\.rawValue).joined(separator: ", ")), which movements does not list",
                at: where_,
                notes: [
                    "the safety rules judge it as \(implied.sorted().map(\.rawValue).joined(separator: ", ")) anyway; add the tags so the file says what the exercise asks"
                ])
        }
        if kind == .education, !movements.isEmpty || !implied.isEmpty || (intensity ?? .light) >= .moderate {
            r.warning(
                "an education item with movement tags is judged as exercise", at: where_,
                notes: [
                    "education exceptions of the rules do not reach it; split the movement into an exercise of its own, or remove the tags"
                ])
        }
        if precaution, let node = f["precaution"] {
            // An item that is not a valid precaution is judged as exercise (fail closed).
            let before = r.errorCount
            defer { if r.errorCount != before { precaution = false } }
            let position = position ?? .any
            let all = movements.union(position.impliedMovements)
            let allowed = Self.precautionMovements(kind: kind, position: position)
            let extra = all.subtracting(allowed)
            if !Self.precautionKinds.contains(kind) {
                r.error(
                    "a precaution must be of kind \(Self.precautionKinds.map(\.rawValue).sorted().joined(separator: ", ")), not '\(kind.rawValue)'",
                    at: node)
            } else if kind != .bracing, ![.lying, .sideLying].contains(position) {
                r.error(
                    "a precaution other than a brace regimen is done lying down, not '\(position.rawValue)'", at: node,
                    notes: [
                        "while the spine may be unstable the advice is flat bed rest: only the brace regimen is upright"
                    ])
            } else if !extra.isEmpty {
                r.error(
                    "a precaution asks nothing of the spine, but this one is \(extra.sorted().map(\.rawValue).joined(separator: ", "))",
                    at: node,
                    notes: [
                        allowed.isEmpty
                            ? "a \(kind.rawValue) precaution carries no movement tags; it is kept when all exercise stops"
                            : "a \(kind.rawValue) precaution may be \(allowed.sorted().map(\.rawValue).joined(separator: ", ")) and nothing else; it is kept when all exercise stops"
                    ])
            } else if (intensity ?? .light) != .veryLight {
                r.error("a precaution must be very-light, not '\((intensity ?? .light).rawValue)'", at: node)
            }
        }
        return Exercise(
            id: ExerciseID(id.value), name: name, kind: kind, summary: summary, steps: steps,
            position: position ?? .any, movements: movements, intensity: intensity ?? .light, dose: dose,
            equipment: equipment ?? [], cautions: cautions ?? [], stopIf: stopIf ?? [],
            easier: easier, harder: harder, image: image, picture: picture, sources: sources ?? [],
            precaution: precaution, location: id.location)
    }

    /// What a spinal precaution may be (docs/SAFETY-ENGINE.md): a habit or technique that keeps the
    /// spine safe, very light, done lying down (the brace regimen aside), asking nothing of the spine.
    static let precautionKinds: Set<ExerciseKind> = [
        .bracing, .mobility, .posture, .breathing, .relaxation, .education,
    ]

    /// The movement tags a precaution may carry: the brace is worn upright; a bed-mobility
    /// technique done from lying (getting up through the side) ends sitting and pushes with the
    /// arms; anything else carries none.
    static func precautionMovements(kind: ExerciseKind, position: Position) -> Set<Movement> {
        switch kind {
        case .bracing: return [.upright]
        case .mobility: return [.lying, .sideLying].contains(position) ? [.upright, .armLoading] : []
        default: return []
        }
    }

    static func readMovements(_ node: YAMLNode?, _ r: NodeReader) -> Set<Movement>? {
        guard let node else { return nil }
        var ok = true
        let tags = r.list(node, "movements") { item -> Movement? in
            let m = r.word(item, "movement tag", as: Movement.self)
            if m == nil { ok = false }
            return m
        }
        guard let tags, ok else { return nil }
        return Set(tags)
    }

    static func readSource(_ node: YAMLNode, _ r: NodeReader) -> SourceReference? {
        guard let f = r.fields(node, "a source", known: ["title", "publisher", "url", "year"], required: ["title"]),
            let title = r.string(f["title"], "title")
        else { return nil }
        return SourceReference(
            title: title, publisher: r.string(f["publisher"], "publisher"),
            url: r.string(f["url"], "url"), year: r.int(f["year"], "year", in: 1800...2200))
    }
}

/// Reads a dose mapping: `sets`, `reps`, `hold_seconds`, `minutes`, `rest_seconds`, `side`.
enum DoseReader {
    static func read(_ node: YAMLNode, _ r: NodeReader, _ what: String, requireAmount: Bool) -> Dose? {
        guard let f = r.fields(node, "a \(what)", known: Dose.keys) else { return nil }
        var dose = Dose()
        var ok = true
        for key in Dose.numericKeys {
            guard let value = f[key] else { continue }
            if let n = r.int(value, "\(key)", in: 1...Int.max) { dose[key] = n } else { ok = false }
        }
        if let side = f["side"] {
            if let s = r.word(side, "side", as: Side.self) { dose.side = s } else { ok = false }
        }
        guard ok else { return nil }
        if requireAmount, !dose.isComplete {
            r.error(
                "\(what) needs 'minutes', 'reps' or 'hold_seconds'", at: node,
                notes: ["for example {minutes: 10} or {sets: 2, reps: 8}"])
            return nil
        }
        return dose
    }
}
