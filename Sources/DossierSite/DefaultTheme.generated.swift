enum DefaultTheme { static let files: [String: String] = [:] }
