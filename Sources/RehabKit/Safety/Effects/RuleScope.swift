import YAMLReader

/// Which items a rule reaches: `except_kinds`, `except` and `applies_to`.
public struct RuleScope: Sendable, Equatable {
    public var exceptKinds: Set<ExerciseKind> = []
    public var except: [ItemFilter] = []
    /// The items `require` and `max_intensity` reach; all items when nil.
    public var appliesTo: ItemFilter?

    public init(exceptKinds: Set<ExerciseKind> = [], except: [ItemFilter] = [], appliesTo: ItemFilter? = nil) {
        self.exceptKinds = exceptKinds
        self.except = except
        self.appliesTo = appliesTo
    }

    /// True when the rule leaves this item alone whatever else it says. Kinds are judged as the
    /// rules see them: an education item with movement tags is exercise.
    public func excepts(_ e: Exercise) -> Bool {
        (e.judgedKind.map(exceptKinds.contains) ?? false) || except.contains { $0.matches(e) }
    }

    /// True when `require` and `max_intensity` reach this item.
    public func touches(_ e: Exercise) -> Bool {
        !excepts(e) && (appliesTo?.matches(e) ?? true)
    }
}
