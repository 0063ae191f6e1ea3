import Testing
@testable import TracestockCLI
import TracestockServer

/// `tracestock serve`'s options reach the server's settings.
@Suite struct ServeOptionsTests {
    @Test func defaultsServeTheWebUIWithoutSecureCookies() throws {
        let configuration = try ServeCommand.parse([]).serverConfiguration()
        #expect(configuration.webUI)
        #expect(!configuration.secureCookies)
        #expect(configuration.port == 8080)
    }

    @Test func secureCookiesAndNoWebAreTakenFromTheFlags() throws {
        let configuration = try ServeCommand.parse(["--secure-cookies", "--no-web", "--port", "9090", "--max-body-mb", "2"]).serverConfiguration()
        #expect(configuration.secureCookies)
        #expect(!configuration.webUI)
        #expect(configuration.port == 9090)
        #expect(configuration.maxBodyBytes == 2 * 1024 * 1024)
    }
}
