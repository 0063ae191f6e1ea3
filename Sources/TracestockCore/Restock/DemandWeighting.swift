#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// How the days of the demand window are weighted when averaging daily sales.
///
/// JSON (Swift's synthesized form): `{"uniform":{}}` or `{"exponential":{"halfLifeDays":28}}`.
public enum DemandWeighting: Sendable, Equatable, Codable {
    /// Every day of the window counts the same (plain mean and population standard deviation).
    case uniform
    /// A day `a` days before `asOf` (a = 0 for `asOf` itself) gets weight `0.5^(a / halfLifeDays)`,
    /// so sales `halfLifeDays` ago count half as much as those on `asOf`. The mean and the
    /// standard deviation are the weighted population ones: `m = Σwx / Σw`,
    /// `σ² = Σw(x − m)² / Σw`, with the sums over every day of the window (zero days included).
    case exponential(halfLifeDays: Double)

    /// The weight of each age `0..<window` (nil for ``uniform``).
    func weights(window: Int) -> [Double]? {
        switch self {
        case .uniform:
            return nil
        case .exponential(let halfLifeDays):
            let rate = log(0.5) / halfLifeDays
            return (0..<window).map { age in exp(rate * Double(age)) }
        }
    }
}
