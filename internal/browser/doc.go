// Package browser holds partnersite's end-to-end tests, which open every
// page of a built site in real Chromium (Debian's package, driven by
// chromedp): charts are drawn, nothing logs an error, nothing is fetched
// from another host, and with JavaScript off every figure still has its
// summary and table. The package has no code of its own beyond the test
// helpers; it exists so that these slower tests live in one place.
//
// The tests are skipped when chromium is not installed, unless the CI
// environment variable is set: in CI a missing browser is a failure.
package browser
