import Foundation
import Testing
@testable import TracestockCore

private func day(_ text: String) -> Day {
    // Test dates are literals known to be valid.
    (try? Day(text)) ?? Day(daysSince1970: 0)
}

private let asOf = day("2024-12-31")

@Suite("Ageing report")
struct AgeingReporterTests {
    @Test("on-hand units are the newest received: FIFO slices span two buckets")
    func fifoAcrossTwoBuckets() throws {
        let input = AgeingInput(sku: "A", lot: "L1", onHand: 60, receipts: [
            LotReceipt(day: day("2024-01-01"), quantity: 100), // age 365
            LotReceipt(day: day("2024-08-01"), quantity: 50),  // age 152
            LotReceipt(day: day("2024-12-01"), quantity: 30),  // age 30
        ])
        let report = try AgeingReporter.report([input], asOf: asOf)
        #expect(report.rows == [
            AgeingRow(sku: "A", lot: "L1", bucket: "0-90", quantity: 30, surchargeCents: 0),
            AgeingRow(sku: "A", lot: "L1", bucket: "91-180", quantity: 30, surchargeCents: 0),
        ])
    }

    @Test("slices from several receipts in one bucket merge, and ages at bucket edges land correctly")
    func bucketEdges() throws {
        let input = AgeingInput(sku: "A", onHand: 100, receipts: [
            LotReceipt(day: day("2023-12-31"), quantity: 10), // age 366 → 365+
            LotReceipt(day: day("2024-01-01"), quantity: 20), // age 365 → 271-365
            LotReceipt(day: day("2024-10-02"), quantity: 30), // age 90 → 0-90
            LotReceipt(day: day("2024-12-31"), quantity: 40), // age 0 → 0-90
        ])
        let report = try AgeingReporter.report([input], asOf: asOf)
        #expect(report.rows.map(\.bucket) == ["0-90", "271-365", "365+"])
        #expect(report.rows.map(\.quantity) == [70, 20, 10])
        #expect(report.rows.allSatisfy { $0.lot == nil })
    }

    @Test("receipts given out of order are aged the same as sorted ones")
    func unsortedReceipts() throws {
        let receipts = [
            LotReceipt(day: day("2024-12-01"), quantity: 30),
            LotReceipt(day: day("2024-01-01"), quantity: 100),
            LotReceipt(day: day("2024-08-01"), quantity: 50),
        ]
        let shuffled = try AgeingReporter.report([AgeingInput(sku: "A", onHand: 90, receipts: receipts)], asOf: asOf)
        let sorted = try AgeingReporter.report(
            [AgeingInput(sku: "A", onHand: 90, receipts: receipts.sorted { $0.day < $1.day })], asOf: asOf
        )
        #expect(shuffled == sorted)
        #expect(sorted.rows.map(\.quantity) == [30, 50, 10])
    }

    @Test("units beyond the receipt history are aged from the oldest receipt")
    func moreOnHandThanReceived() throws {
        let input = AgeingInput(sku: "A", onHand: 25, receipts: [
            LotReceipt(day: day("2024-03-01"), quantity: 5), LotReceipt(day: day("2024-12-01"), quantity: 10),
        ])
        let report = try AgeingReporter.report([input], asOf: asOf)
        #expect(report.rows.map(\.bucket) == ["0-90", "271-365"])
        #expect(report.rows.map(\.quantity) == [10, 15])
    }

    @Test("serial-tracked stock passed one receipt per unit ages like grouped receipts")
    func perUnitReceipts() throws {
        let perUnit = Array(repeating: LotReceipt(day: day("2024-05-01"), quantity: 1), count: 4)
            + Array(repeating: LotReceipt(day: day("2024-11-01"), quantity: 1), count: 3)
        let grouped = [LotReceipt(day: day("2024-05-01"), quantity: 4), LotReceipt(day: day("2024-11-01"), quantity: 3)]
        let a = try AgeingReporter.report([AgeingInput(sku: "S", onHand: 5, receipts: perUnit)], asOf: asOf)
        let b = try AgeingReporter.report([AgeingInput(sku: "S", onHand: 5, receipts: grouped)], asOf: asOf)
        #expect(a == b)
        #expect(a.rows.map(\.quantity) == [3, 2])
    }

    @Test("nothing on hand gives no rows; stock with no receipts at all is an error naming SKU and lot")
    func emptyCases() throws {
        let none = try AgeingReporter.report([AgeingInput(sku: "A", onHand: 0, receipts: [])], asOf: asOf)
        #expect(none.rows.isEmpty && none.totalSurchargeCents == 0)
        let error = #expect(throws: TracestockError.self) {
            try AgeingReporter.report([AgeingInput(sku: "A", lot: "L9", onHand: 3, receipts: [])], asOf: asOf)
        }
        #expect(error?.details["sku"] == "A")
        #expect(error?.details["lot"] == "L9")
        #expect(error?.details["field"] == "receipts")
    }

    @Test("negative quantities, bad volumes and unknown surcharge buckets are rejected")
    func validation() {
        let receipts = [LotReceipt(day: asOf, quantity: 1)]
        #expect(throws: TracestockError.self) {
            try AgeingReporter.report([AgeingInput(sku: "A", onHand: -1, receipts: receipts)], asOf: asOf)
        }
        #expect(throws: TracestockError.self) {
            try AgeingReporter.report(
                [AgeingInput(sku: "A", onHand: 1, receipts: [LotReceipt(day: asOf, quantity: -1)])], asOf: asOf
            )
        }
        #expect(throws: TracestockError.self) {
            try AgeingReporter.report(
                [AgeingInput(sku: "A", onHand: 1, receipts: receipts, cubicFeetPerUnit: .nan)], asOf: asOf
            )
        }
        let error = #expect(throws: TracestockError.self) {
            try AgeingReporter.report(
                [], asOf: asOf, buckets: try AgeBuckets(parsing: "0-30,30+"),
                surcharges: SurchargeTable(rates: ["365+": SurchargeRate(perUnit: 1)])
            )
        }
        #expect(error?.details["bucket"] == "365+")
    }

    @Test("surcharges are computed per row from unit and volume rates and totalled in cents")
    func surcharges() throws {
        let table = try SurchargeTable(rows: [
            ["bucket", "per_unit", "per_cubic_foot"],
            ["271-365", "0.50", ""],
            ["365+", "0.15", "3.45"],
        ])
        let inputs = [
            AgeingInput(sku: "A", onHand: 30, receipts: [
                LotReceipt(day: day("2023-06-01"), quantity: 7),  // 365+
                LotReceipt(day: day("2024-02-01"), quantity: 20), // age 334: 271-365
                LotReceipt(day: day("2024-12-20"), quantity: 3),  // 0-90, no rate
            ], cubicFeetPerUnit: 0.1),
            AgeingInput(sku: "B", lot: "X", onHand: 10, receipts: [
                LotReceipt(day: day("2022-01-01"), quantity: 10),
            ], cubicFeetPerUnit: 0.25),
        ]
        let report = try AgeingReporter.report(inputs, asOf: asOf, surcharges: table)
        #expect(report.rows == [
            AgeingRow(sku: "A", lot: nil, bucket: "0-90", quantity: 3, surchargeCents: 0),
            AgeingRow(sku: "A", lot: nil, bucket: "271-365", quantity: 20, surchargeCents: 1000),
            // 7 × (0.15 + 3.45 × 0.1) = 3.465 → 3.47
            AgeingRow(sku: "A", lot: nil, bucket: "365+", quantity: 7, surchargeCents: 347),
            // 10 × (0.15 + 3.45 × 0.25) = 10.125 → 10.13
            AgeingRow(sku: "B", lot: "X", bucket: "365+", quantity: 10, surchargeCents: 1013),
        ])
        #expect(report.totalSurchargeCents == 2360)
        #expect(report.totalSurcharge == 23.6)
    }

    @Test("lots expiring within the horizon or already expired are listed soonest first with days left")
    func expiring() throws {
        let receipts = [LotReceipt(day: day("2024-06-01"), quantity: 100)]
        let inputs = [
            AgeingInput(sku: "B", lot: "soon", onHand: 5, receipts: receipts, expiry: asOf + 10),
            AgeingInput(sku: "A", lot: "expired", onHand: 2, receipts: receipts, expiry: asOf - 5),
            AgeingInput(sku: "C", lot: "today", onHand: 1, receipts: receipts, expiry: asOf),
            AgeingInput(sku: "D", lot: "edge", onHand: 1, receipts: receipts, expiry: asOf + 30),
            AgeingInput(sku: "E", lot: "later", onHand: 9, receipts: receipts, expiry: asOf + 31),
            AgeingInput(sku: "F", lot: "gone", onHand: 0, receipts: receipts, expiry: asOf - 1),
            AgeingInput(sku: "G", onHand: 4, receipts: receipts),
        ]
        let report = try AgeingReporter.report(inputs, asOf: asOf, expiringWithinDays: 30)
        #expect(report.expiring == [
            ExpiringLot(sku: "A", lot: "expired", expiry: asOf - 5, daysLeft: -5, quantity: 2),
            ExpiringLot(sku: "C", lot: "today", expiry: asOf, daysLeft: 0, quantity: 1),
            ExpiringLot(sku: "B", lot: "soon", expiry: asOf + 10, daysLeft: 10, quantity: 5),
            ExpiringLot(sku: "D", lot: "edge", expiry: asOf + 30, daysLeft: 30, quantity: 1),
        ])
    }

    @Test("the report encodes rows, totalSurcharge and expiring with the documented keys")
    func json() throws {
        let report = AgeingReport(
            rows: [AgeingRow(sku: "A", lot: nil, bucket: "365+", quantity: 7, surchargeCents: 347)],
            totalSurchargeCents: 347,
            expiring: [ExpiringLot(sku: "A", lot: "L", expiry: asOf, daysLeft: 0, quantity: 7)]
        )
        let data = try JSONEncoder().encode(report)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(Set(object.keys) == ["rows", "totalSurcharge", "expiring"])
        #expect(object["totalSurcharge"] as? Double == 3.47)
        let row = try #require((object["rows"] as? [[String: Any]])?.first)
        #expect(Set(row.keys) == ["sku", "lot", "bucket", "quantity", "surcharge"])
        #expect(row["lot"] is NSNull)
        #expect(row["surcharge"] as? Double == 3.47)
        let expiring = try #require((object["expiring"] as? [[String: Any]])?.first)
        #expect(expiring["expiry"] as? String == "2024-12-31")
        #expect(try JSONDecoder().decode(AgeingReport.self, from: data) == report)
    }
}
