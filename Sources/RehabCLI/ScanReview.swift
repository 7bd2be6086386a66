import Foundation
import RehabKit
import RehabScan
import SheetGeometry

/// `rehab log scan --review`: the terminal dialogue about uncertain boxes.
enum ScanReview {
    /// `--review`: each uncertain box of the sheet (and each day with two pain numbers) asked about
    /// on the terminal in turn, the answers added to `confirmed` as an --accept file's lines would
    /// be. A box: y (ticked) or n (empty); a day's pain: its number, or n for none. s skips (the box
    /// stays uncertain), as does the end of the input.
    static func ask(_ sheet: SheetRead, plan: String, confirmed: inout [String: Bool]) {
        let read = SheetEntries(sheet, plan: plan, confirmed: confirmed)
        let uncertainIds = Set(read.uncertain.map(\.box.id))
        let painDays = Set(
            read.uncertain.compactMap { b -> LocalDate? in
                if case .pain = b.box.meaning { return b.box.date }
                return nil
            }
        )
        .union(read.ambiguousPain)
        guard !uncertainIds.isEmpty || !painDays.isEmpty else { return }
        Output.err(
            UserText.plain(
                "\(ScanReport.source(sheet.file, sheet.page)): \(plan), week \(sheet.code.week): \(uncertainIds.count) box\(uncertainIds.count == 1 ? "" : "es") to confirm (look at the sheet; the --format html preview shows each one large)"
            ))
        func ask(_ question: String, accept: (String) -> Bool) -> Bool {
            while true {
                FileHandle.standardError.write(Data(UserText.plain(question + " ").utf8))
                guard let line = readLine() else {
                    Output.err("")
                    return false
                }
                let answer = line.trimmingCharacters(in: .whitespaces).lowercased()
                if answer == "s" { return true }
                if accept(answer) { return true }
                Output.err("  please answer as the question says")
            }
        }
        var askedPain = Set<LocalDate>()
        for b in sheet.boxes {
            if case .pain = b.box.meaning {
                let date = b.box.date
                guard painDays.contains(date), askedPain.insert(date).inserted else { continue }
                let day = sheet.boxes.filter {
                    if case .pain = $0.box.meaning { return $0.box.date == date }
                    return false
                }
                let go = ask(ScanReport.question(b.box)) { answer in
                    if answer == "n" || answer == "no" {
                        for p in day where uncertainIds.contains(p.box.id) || p.state == .ticked {
                            confirmed[p.box.id] = false
                        }
                        return true
                    }
                    guard let n = Int(answer), (0...10).contains(n) else { return false }
                    for p in day { if case .pain(let k) = p.box.meaning { confirmed[p.box.id] = k == n } }
                    return true
                }
                if !go { return }
                continue
            }
            guard uncertainIds.contains(b.box.id) else { continue }
            let go = ask(ScanReport.question(b.box)) { answer in
                switch answer {
                case "y", "yes": confirmed[b.box.id] = true
                case "n", "no": confirmed[b.box.id] = false
                default: return false
                }
                return true
            }
            if !go { return }
        }
    }
}
