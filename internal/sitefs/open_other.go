//go:build !unix

package sitefs

import "os"

// openRead opens a file to read. Without O_NONBLOCK, ReadFile looks at a
// name before it opens it.
const openRead = os.O_RDONLY

// openWithoutWaiting reports that openRead may block on something that
// is not a regular file, so ReadFile looks first.
const openWithoutWaiting = false
