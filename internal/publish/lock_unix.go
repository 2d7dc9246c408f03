//go:build unix

package publish

import (
	"errors"
	"fmt"
	"os"
	"syscall"
)

// lock takes an advisory lock on the output's parent folder for one build,
// so that a build never clears another's temporary folder as a leftover.
// Locking the folder itself, rather than a lock file, leaves nothing
// behind in a web root when a build is killed.
func lock(parent string) (func(), error) {
	f, err := os.Open(parent)
	if err != nil {
		return nil, err
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		f.Close()
		if errors.Is(err, syscall.EWOULDBLOCK) {
			return nil, fmt.Errorf("another partnersite build is writing beside it in %s; wait for it to finish", parent)
		}
		return nil, fmt.Errorf("locking %s: %w", parent, err)
	}
	return func() { f.Close() }, nil
}
