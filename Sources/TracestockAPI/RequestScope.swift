import Tracestock

/// What the server knows about the request being handled, set by its middleware before the
/// handler runs (task-local, so handlers stay plain functions of their input).
public enum RequestScope {
    /// The token that authenticated the request; nil for public operations and in unit tests.
    @TaskLocal public static var token: APIToken?
}
