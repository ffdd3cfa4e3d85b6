import IAMPolicy
import IAMAnalysis
// The store layer: snapshot loaders, the SQLite schema and SQL functions. See Loading/ and Database/.

