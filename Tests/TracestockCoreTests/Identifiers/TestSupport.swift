@testable import TracestockCore

/// The year the tests treat as "now" for the GS1 century rule.
let testYear = 2025

/// The ASCII 29 group separator as a string.
let GS = "\u{1D}"

/// Runs `body` and returns the `TracestockError` it threw (nil if it did not throw that type).
func capturedError<T>(_ body: () throws -> T) -> TracestockError? {
    do {
        _ = try body()
        return nil
    } catch let error as TracestockError {
        return error
    } catch {
        return nil
    }
}

/// Every CSET 82 character.
let cset82Characters: [Character] = {
    var characters: [Character] = Array("!\"%&'()*+,-./:;<=>?_")
    characters += Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
    return characters
}()
