/// Reads the `--where` language of `FeatureFilter` by recursive descent:
///
/// ```text
/// or         := and ("OR" and)*
/// and        := not ("AND" not)*
/// not        := "NOT" not | "(" or ")" | predicate
/// predicate  := term comparison term
///             | term ["NOT"] "IN" "(" term ("," term)* ")"
///             | term ["NOT"] "LIKE" 'text'
///             | term "IS" ["NOT"] "NULL"
/// comparison := "=" | "!=" | "<>" | "<" | "<=" | ">" | ">=" | "^="
/// term       := name | "quoted name" | 'text' | number
/// ```
///
/// Errors name the column (from 1) where reading stopped and what was expected there.
struct WhereParser {
    enum Token: Equatable {
        case word(String)        // a name, a keyword or a bare value
        case quotedName(String)  // "…"
        case text(String)        // '…'
        case number(Double, String)
        case symbol(String)      // = != <> < <= > >= ^= ( ) ,
        case end
    }

    let source: String
    var tokens: [(token: Token, column: Int)] = []
    var position = 0

    init(_ source: String) throws {
        self.source = source
        tokens = try Self.tokens(of: source)
    }

    func failure(_ column: Int, _ problem: String) -> LayerError {
        LayerError.badFilter(text: source, problem: "column \(column): \(problem)")
    }

    static func tokens(of source: String) throws -> [(token: Token, column: Int)] {
        let characters = Array(source)
        var result: [(token: Token, column: Int)] = []
        var k = 0
        func fail(_ problem: String) -> LayerError { LayerError.badFilter(text: source, problem: "column \(k + 1): \(problem)") }
        while k < characters.count {
            let c = characters[k], column = k + 1
            if c.isWhitespace { k += 1; continue }
            if c == "'" || c == "\"" {
                var text = "", closed = false
                k += 1
                while k < characters.count {
                    if characters[k] == c {
                        if k + 1 < characters.count, characters[k + 1] == c { text.append(c); k += 2; continue }
                        closed = true
                        k += 1
                        break
                    }
                    text.append(characters[k])
                    k += 1
                }
                guard closed else { k = column - 1; throw fail("the quote \(c) is not closed") }
                result.append((c == "'" ? .text(text) : .quotedName(text), column))
                continue
            }
            let pairs = ["!=", "<>", "<=", ">=", "^="]
            if k + 1 < characters.count, pairs.contains(String(characters[k...k + 1])) {
                let symbol = String(characters[k...k + 1])
                result.append((.symbol(symbol == "<>" ? "!=" : symbol), column))
                k += 2
                continue
            }
            if "=<>(),".contains(c) {
                result.append((.symbol(String(c)), column))
                k += 1
                continue
            }
            // A bare word: up to whitespace, a quote or a symbol.
            var word = ""
            while k < characters.count, !characters[k].isWhitespace, !"'\"=<>(),!^".contains(characters[k]) {
                word.append(characters[k])
                k += 1
            }
            guard !word.isEmpty else { throw fail("unexpected \(c)") }
            if let number = Double(word), word.first.map({ $0.isNumber || $0 == "-" || $0 == "." }) == true {
                result.append((.number(number, word), column))
            } else {
                result.append((.word(word), column))
            }
        }
        result.append((.end, characters.count + 1))
        return result
    }

    var current: Token { tokens[position].token }
    var column: Int { tokens[position].column }

    func isKeyword(_ keyword: String) -> Bool {
        if case .word(let word) = current { return word.uppercased() == keyword }
        return false
    }

    mutating func take(_ keyword: String) -> Bool {
        guard isKeyword(keyword) else { return false }
        position += 1
        return true
    }

    mutating func expect(symbol: String, _ what: String) throws {
        guard current == .symbol(symbol) else { throw failure(column, "expected \(what)") }
        position += 1
    }

    mutating func parse() throws -> Condition {
        guard current != .end else { throw failure(column, "the condition is empty; write e.g. DLBM = '0701'") }
        let condition = try or()
        guard current == .end else { throw failure(column, "expected AND, OR or the end") }
        return condition
    }

    mutating func or() throws -> Condition {
        var result = try and()
        while take("OR") { result = .or(result, try and()) }
        return result
    }

    mutating func and() throws -> Condition {
        var result = try not()
        while take("AND") { result = .and(result, try not()) }
        return result
    }

    mutating func not() throws -> Condition {
        if take("NOT") { return .not(try not()) }
        if current == .symbol("(") {
            position += 1
            let inner = try or()
            try expect(symbol: ")", "\")\"")
            return inner
        }
        return try predicate()
    }

    static let keywords: Set<String> = ["AND", "OR", "NOT", "IN", "LIKE", "IS", "NULL"]

    mutating func term(_ what: String) throws -> Condition.Term {
        let (token, at) = tokens[position]
        switch token {
        case .word(let word) where !Self.keywords.contains(word.uppercased()):
            position += 1
            return .name(word, column: at)
        case .quotedName(let name):
            position += 1
            return .name(name, column: at)
        case .text(let text):
            position += 1
            return .text(text)
        case let .number(value, text):
            position += 1
            return .number(value, text: text)
        default:
            throw failure(at, "expected \(what)")
        }
    }

    mutating func predicate() throws -> Condition {
        let left = try term("a field, a value or \"(\"")
        if take("IS") {
            let negated = take("NOT")
            guard take("NULL") else { throw failure(column, "expected NULL") }
            return .isNull(left, negated: negated)
        }
        let negated = take("NOT")
        if take("IN") {
            try expect(symbol: "(", "\"(\" after IN")
            var list = [try term("a value")]
            while current == .symbol(",") {
                position += 1
                list.append(try term("a value"))
            }
            try expect(symbol: ")", "\",\" or \")\"")
            return .among(left, list, negated: negated)
        }
        if take("LIKE") {
            guard case .text(let pattern) = current else { throw failure(column, "expected a quoted pattern after LIKE, e.g. '%村'") }
            position += 1
            return .like(left, pattern, negated: negated)
        }
        if negated { throw failure(column, "expected IN or LIKE after NOT") }
        guard case .symbol(let symbol) = current, let comparison = Condition.Comparison(rawValue: symbol) else {
            throw failure(column, "expected =, !=, <, <=, >, >=, ^=, IN, LIKE or IS")
        }
        position += 1
        return .compare(left, comparison, try term("a value"))
    }
}
