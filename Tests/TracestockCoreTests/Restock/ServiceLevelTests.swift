import Testing
@testable import TracestockCore

@Suite("Service level and normal quantile")
struct ServiceLevelTests {
    @Test("table levels return the exact table factors", arguments: [
        (90.0, 1.2816), (95.0, 1.6449), (97.5, 1.96), (98.0, 2.0537), (99.0, 2.3263),
    ])
    func tableValues(percent: Double, z: Double) throws {
        #expect(try ServiceLevel.z(forPercent: percent) == z)
    }

    @Test("the computed quantile agrees with the table to 1e-3", arguments: [
        (90.0, 1.2816), (95.0, 1.6449), (97.5, 1.96), (98.0, 2.0537), (99.0, 2.3263),
    ])
    func quantileMatchesTable(percent: Double, z: Double) {
        #expect(abs(NormalQuantile.quantile(percent / 100) - z) < 1e-3)
    }

    @Test("levels outside the table are computed from the inverse normal CDF", arguments: [
        (96.0, 1.750686), (85.0, 1.036433), (99.9, 3.090232), (99.99, 3.719016), (50.5, 0.012533),
        (75.0, 0.674490),
    ])
    func interpolatedLevels(percent: Double, z: Double) throws {
        #expect(abs(try ServiceLevel.z(forPercent: percent) - z) < 1e-6)
    }

    @Test("the quantile is accurate in both tails and antisymmetric")
    func tails() {
        #expect(abs(NormalQuantile.quantile(0.025) + 1.959964) < 1e-6)
        #expect(abs(NormalQuantile.quantile(1e-10) + 6.361341) < 1e-6)
        #expect(abs(NormalQuantile.quantile(0.5)) < 1e-15)
        for p in stride(from: 0.001, to: 0.5, by: 0.0137) {
            #expect(abs(NormalQuantile.quantile(p) + NormalQuantile.quantile(1 - p)) < 1e-9)
        }
        #expect(NormalQuantile.quantile(0) == -.infinity)
        #expect(NormalQuantile.quantile(1) == .infinity)
        #expect(NormalQuantile.quantile(1.5).isNaN)
    }

    @Test("levels outside (50, 99.99] are rejected", arguments: [50.0, 49.0, 100.0, 99.995, -1, .nan, .infinity])
    func rejectsOutOfRange(percent: Double) {
        let error = #expect(throws: TracestockError.self) { try ServiceLevel.z(forPercent: percent) }
        #expect(error?.details["field"] == "serviceLevel")
    }
}
