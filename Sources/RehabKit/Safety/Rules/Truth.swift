/// Three-valued truth: a condition on a field the profile does not give is undecided.
public enum Truth: Sendable, Equatable {
    case yes, no, undecided
}
