#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The quantile function (inverse cumulative distribution function) of the standard normal
/// distribution.
///
/// Computed with P. J. Acklam's rational approximation (relative error below 1.2e-9), followed by
/// one Halley correction step against the exact CDF written with the C library's `erfc`, which
/// brings the result to about full double precision.
public enum NormalQuantile {
    // Rational approximation coefficients for the central region.
    private static let a: (Double, Double, Double, Double, Double, Double) = (
        -3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02,
        1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00
    )
    private static let b: (Double, Double, Double, Double, Double) = (
        -5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02,
        6.680131188771972e+01, -1.328068155288572e+01
    )
    // Coefficients for the tails.
    private static let c: (Double, Double, Double, Double, Double, Double) = (
        -7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00,
        -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00
    )
    private static let d: (Double, Double, Double, Double) = (
        7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00
    )
    /// Where the lower tail formula takes over from the central one.
    private static let lowBreak = 0.02425

    /// The `z` with `P(Z ≤ z) = p` for a standard normal `Z`. Returns `-infinity` for `p == 0`,
    /// `+infinity` for `p == 1` and NaN outside `[0, 1]`.
    public static func quantile(_ p: Double) -> Double {
        guard p > 0, p < 1 else {
            if p == 0 { return -.infinity }
            if p == 1 { return .infinity }
            return .nan
        }
        var x: Double
        if p < lowBreak {
            x = tail(p)
        } else if p <= 1 - lowBreak {
            let q = p - 0.5
            let r = q * q
            let numerator = (((((a.0 * r + a.1) * r + a.2) * r + a.3) * r + a.4) * r + a.5) * q
            let denominator = ((((b.0 * r + b.1) * r + b.2) * r + b.3) * r + b.4) * r + 1
            x = numerator / denominator
        } else {
            x = -tail(1 - p)
        }
        // One Halley step on f(x) = Phi(x) - p.
        let error = 0.5 * erfc(-x / 2.0.squareRoot()) - p
        let u = error * (2 * Double.pi).squareRoot() * exp(x * x / 2)
        x -= u / (1 + x * u / 2)
        return x
    }

    /// The lower-tail approximation for `0 < p < lowBreak` (negative result).
    private static func tail(_ p: Double) -> Double {
        let q = (-2 * log(p)).squareRoot()
        let numerator = ((((c.0 * q + c.1) * q + c.2) * q + c.3) * q + c.4) * q + c.5
        let denominator = (((d.0 * q + d.1) * q + d.2) * q + d.3) * q + 1
        return numerator / denominator
    }
}
