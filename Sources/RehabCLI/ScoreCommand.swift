import ArgumentParser
import RehabKit

extension SINSLocation: ExpressibleByArgument {}
extension SINSPain: ExpressibleByArgument {}
extension SINSLesion: ExpressibleByArgument {}
extension SINSAlignment: ExpressibleByArgument {}
extension SINSCollapse: ExpressibleByArgument {}
extension SINSPosterolateral: ExpressibleByArgument {}
extension MirelsSite: ExpressibleByArgument {}
extension MirelsPain: ExpressibleByArgument {}
extension MirelsLesion: ExpressibleByArgument {}
extension MirelsSize: ExpressibleByArgument {}
extension Bone: ExpressibleByArgument {}

/// `rehab score sins|mirels`: parts → total, band and what it means for exercise.
struct ScoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "score",
        abstract:
            "Work out a SINS or Mirels score from its parts: the total, its band, and what the safety rules do with it.",
        subcommands: [SINSScore.self, MirelsScore.self]
    )

    static func print(_ r: ScoreResult, name: String) {
        Output.out("\(name) \(r.total)")
        for p in r.parts { Output.out("  \(p.name) \(p.value): \(p.points)") }
        Output.out("Band: \(r.band)")
        Output.out("What the default rules do:")
        for m in r.meaning { Output.out("  • \(m)") }
    }
}

struct SINSScore: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sins", abstract: "Spinal Instability Neoplastic Score (Fisher 2010), 0–18.")

    @Option(help: "junctional, mobile, semi-rigid or rigid (or give --level).") var location: SINSLocation?
    @Option(help: "Vertebral levels such as T10 (the location follows).") var level: [String] = []
    @Option(help: "mechanical, occasional or pain-free.") var pain: SINSPain
    @Option(help: "lytic, mixed or blastic.") var lesion: SINSLesion
    @Option(help: "subluxation, new-deformity or normal.") var alignment: SINSAlignment
    @Option(help: "over-50, under-50, none-over-50-involved or none.") var collapse: SINSCollapse
    @Option(help: "bilateral, unilateral or none.") var posterolateral: SINSPosterolateral

    func run() throws {
        var levels: [VertebralLevel] = []
        for text in level {
            guard let l = VertebralLevel(text) else {
                throw ValidationError("unknown vertebral level '\(text)': write C1–C7, T1–T12, L1–L5 or S1–S5")
            }
            levels.append(l)
        }
        let parts = SINSParts(
            location: location, pain: pain, lesion: lesion, alignment: alignment, collapse: collapse,
            posterolateral: posterolateral)
        guard let r = ScoreCalculator.sins(parts, levels: levels) else {
            throw ValidationError("give --location or --level: the location part cannot be worked out")
        }
        ScoreCommand.print(r, name: "SINS")
    }
}

struct MirelsScore: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mirels", abstract: "Mirels score for a long-bone lesion (Mirels 1989), 4–12.")

    @Option(help: "upper-limb, lower-limb or trochanteric.") var site: MirelsSite
    @Option(help: "mild, moderate or functional.") var pain: MirelsPain
    @Option(help: "blastic, mixed or lytic.") var lesion: MirelsLesion
    @Option(help: "under-third, third-to-two-thirds or over-two-thirds.") var size: MirelsSize
    @Option(help: "The bone (femur, humerus …), for the limb's rules.") var bone: Bone?

    func run() throws {
        if let bone, bone.limb != site.limb {
            throw ValidationError(
                "Mirels site '\(site.rawValue)' disagrees with the bone '\(bone.rawValue)' (\(bone.limb.rawValue) limb)"
            )
        }
        ScoreCommand.print(
            ScoreCalculator.mirels(MirelsParts(site: site, pain: pain, lesion: lesion, size: size), bone: bone),
            name: "Mirels")
    }
}
