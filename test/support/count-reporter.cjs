// Ends a Jest run with the plain count line CI reads ("N passed, N failed, N skipped"). Written on
// exit, so it comes after Jest's own summary.
class CountReporter {
  onRunComplete(_contexts, results) {
    const line = `Tests: ${results.numPassedTests} passed, ${results.numFailedTests} failed, ${results.numPendingTests} skipped\n`;
    process.once('exit', () => process.stderr.write(line));
  }
}
module.exports = CountReporter;
