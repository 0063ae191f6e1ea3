import Testing
import Tracestock
import TracestockCore

/// DESIGN §2: every legal transition works, every illegal one is rejected naming the unit,
/// its state and the event that put it there.
@Suite(.postgresScope) struct UnitStateMachineTests {
    /// Puts serial S1 of EB-100 into `state` (nil: never received).
    static func unit(in state: UnitState?, _ service: Tracestock) async throws {
        guard let state else { return }
        let receipt = try await service.receiveEarbuds("S1")
        switch state {
        case .inStock: break
        case .shipped: try await service.earbuds(.ship, "S1", order: "113-0000001-0000001")
        case .returned:
            try await service.earbuds(.ship, "S1", order: "113-0000001-0000001")
            try await service.earbuds(.return, "S1", to: "WH-MAIN")
        case .quarantined: try await service.earbuds(.quarantine, "S1")
        case .disposed: try await service.earbuds(.dispose, "S1")
        case .voided: _ = try await service.void(VoidRequest(seq: receipt.seq))
        }
    }

    static func attempt(_ event: EventType, _ service: Tracestock) async throws {
        switch event {
        case .receive: try await service.receiveEarbuds("S1")
        case .move: try await service.earbuds(.move, "S1", to: "FBA-US")
        case .ship: try await service.earbuds(.ship, "S1", order: "113-0000002-0000002")
        case .return: try await service.earbuds(.return, "S1", to: "WH-MAIN")
        default: try await service.earbuds(event, "S1")
        }
    }

    static let states: [UnitState?] = [nil] + UnitState.allCases.map { Optional($0) }
    static let events: [EventType] = [.receive, .move, .ship, .return, .restock, .quarantine, .release, .dispose]
    /// Every (state, event) pair: Swift Testing takes at most two argument lists, the other is the store.
    static let transitions: [Transition] = states.flatMap { state in events.map { Transition(state: state, event: $0) } }

    struct Transition: Sendable, CustomTestStringConvertible {
        var state: UnitState?
        var event: EventType
        var testDescription: String { "\(event.rawValue) from \(state?.rawValue ?? "none")" }
    }

    @Test(arguments: StoreKind.all, transitions)
    func transitionIsAcceptedExactlyWhenDesignAllowsIt(_ kind: StoreKind, _ transition: Transition) async throws {
        let (state, event) = (transition.state, transition.event)
        let service = try await makeService(kind)
        try await Self.unit(in: state, service)
        let expected = UnitTransition.next(from: state, on: event)
        do {
            try await Self.attempt(event, service)
            #expect(expected != nil, "\(event) from \(state?.rawValue ?? "none") should be rejected")
            #expect(try await service.state("S1") == expected)
        } catch let error as TracestockError {
            #expect(expected == nil, "\(event) from \(state?.rawValue ?? "none") should work: \(error.message)")
            if let state {
                #expect(error.message.contains("EB-100") && error.message.contains("S1"), "\(error.message)")
                if event != .receive { #expect(error.code == .stateConflict, "\(error.message)") }
                #expect(try await service.state("S1") == state)
                if state == .shipped, event != .receive { #expect(error.message.contains("113-0000001-0000001"), "\(error.message)") }
            } else {
                #expect(error.code == .notFound)
            }
        }
        try await service.expectConsistent()
    }

    @Test(arguments: StoreKind.all)
    func rejectionNamesStateOrderAndDateOfTheEventThatCausedIt(_ kind: StoreKind) async throws {
        let service = try await makeService(kind)
        try await service.receiveEarbuds("0042")
        try await service.apply(MovementRequest(.ship, sku: "EB-100", serials: ["0042"], order: "113-1234567-1234567",
                                                at: Timestamp(year: 2026, month: 3, day: 2)))
        let error = await expectError(.stateConflict) { try await service.earbuds(.ship, "0042", order: "113-9999999-9999999") }
        let message = error?.message ?? ""
        #expect(message.contains("SKU EB-100 serial 0042 is already shipped on order 113-1234567-1234567"), "\(message)")
        #expect(message.contains("2026-03-02"), "\(message)")
        #expect(message.contains("ship needs a unit that is in_stock"), "\(message)")
    }

    @Test(arguments: StoreKind.all)
    func receivingAnExistingSerialIsAnErrorNeverAnOverwrite(_ kind: StoreKind) async throws {
        let service = try await makeService(kind)
        try await service.receiveEarbuds("SN1", lot: "A")
        try await service.earbuds(.ship, "SN1", order: "113-0000001-0000001")
        let error = await expectError(.duplicate) { try await service.receiveEarbuds("SN1", lot: "B") }
        #expect(error?.message.contains("already exists") == true)
        let history = try await service.history(sku: "EB-100", serial: "SN1")
        #expect(history.state == .shipped)
        #expect(history.lot == "A")
        #expect(history.events.map(\.type) == [.receive, .ship])
    }

    @Test(arguments: StoreKind.all)
    func aShippedUnitComesBackOnlyThroughReturnOnItsOwnOrder(_ kind: StoreKind) async throws {
        let service = try await makeService(kind)
        try await service.receiveEarbuds("SN1")
        try await service.earbuds(.ship, "SN1", order: "113-0000001-0000001")
        let wrong = await expectError(.stateConflict) { try await service.earbuds(.return, "SN1", to: "WH-MAIN", order: "113-0000009-0000009") }
        #expect(wrong?.message.contains("113-0000001-0000001") == true)
        try await service.earbuds(.return, "SN1", to: "WH-MAIN", order: "113-0000001-0000001")
        #expect(try await service.state("SN1") == .returned)
        try await service.earbuds(.restock, "SN1")
        try await service.earbuds(.ship, "SN1", order: "113-0000002-0000002")
        let history = try await service.history(sku: "EB-100", serial: "SN1")
        #expect(history.events.map(\.type) == [.receive, .ship, .return, .restock, .ship])
        #expect(history.order == "113-0000002-0000002")
        try await service.expectConsistent()
    }
}
