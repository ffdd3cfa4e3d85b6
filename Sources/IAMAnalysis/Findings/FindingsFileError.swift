import IAMPolicy

/// A problem in a findings state file or an archive rules file: which file, where in it (JSON
/// path) and what was expected.
public struct FindingsFileError: Error, Sendable, Hashable, CustomStringConvertible {
    public var file: String
    public var path: JSONPath
    public var message: String
    public init(file: String, path: JSONPath, message: String) { self.file = file; self.path = path; self.message = message }
    public var description: String { "\(file): \(path): \(message)" }

    /// Parses the file's text, turning a JSON syntax error into a located error.
    static func parseJSON(_ text: String, file: String) throws -> JSONValue {
        do { return try JSONParser.parse(text) } catch {
            throw FindingsFileError(file: file, path: error.path, message: "not valid JSON: line \(error.line), column \(error.column): \(error.message)")
        }
    }
}
