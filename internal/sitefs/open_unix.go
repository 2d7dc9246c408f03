//go:build unix

package sitefs

import (
	"os"
	"syscall"
)

// openRead opens a file to read without waiting: opening a named pipe to
// read otherwise blocks until something opens it to write. A regular
// file reads as usual with the flag set.
const openRead = os.O_RDONLY | syscall.O_NONBLOCK

// openWithoutWaiting reports that openRead never blocks, so ReadFile may
// open a name before it knows what the name is.
const openWithoutWaiting = true
