/// The fields rules may name, with their types (read from `ProfileAccess`, the one table of
/// fields). Derived fields: `assessment_age_days` (days from `assessed` to the date checked),
/// `fever` (the flag, or `temperature_c` ≥ 38.0).
public enum ProfileSchema {
    public static let fields: [String: FieldType] =
        ProfileAccess.scalars.mapValues(\.type).merging(ProfileAccess.records.mapValues(\.type)) { a, _ in a }
}
