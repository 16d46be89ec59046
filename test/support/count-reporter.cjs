// Ends a Jest run with the plain count line CI reads ("N passed, N failed, N skipped").
class CountReporter {
  onRunComplete(_contexts, results) {
    process.stderr.write(
      `\nTests: ${results.numPassedTests} passed, ${results.numFailedTests} failed, ${results.numPendingTests} skipped\n`,
    );
  }
}
module.exports = CountReporter;
