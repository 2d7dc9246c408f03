package serve

import "testing"

// do carries out a plan's step as follow does, beginning an attempt at
// the count of changes at, and returns the attempt begun, if any.
func (p *plan) do(t *testing.T, st step, at uint64) (published, begun *attempt) {
	t.Helper()
	if st.begin {
		begun = &attempt{seq: at}
		p.begun(begun, st.due)
	}
	return st.publish, begun
}

// TestPlanEarlyLoadPublishedAtQuiet: a save settles, a load begins at
// once, and when the quiet time ends with no change since, that load is
// published, with no second one.
func TestPlanEarlyLoadPublishedAtQuiet(t *testing.T) {
	var p plan
	_, a := p.do(t, p.settled(), 2)
	if a == nil || a.due.Load() {
		t.Fatalf("a settled batch began %v, want an early attempt", a)
	}
	if pub, b := p.do(t, p.made(a, 2), 2); pub != nil || b != nil {
		t.Fatal("an early attempt was published, or another begun, before the quiet time ended")
	}
	if pub, b := p.do(t, p.quiet(2), 2); pub != a || b != nil {
		t.Errorf("at the quiet time: published %v, begun %v; want the early attempt and nothing begun", pub, b)
	}
	// The next batch may load early again.
	if _, c := p.do(t, p.settled(), 3); c == nil {
		t.Error("the next batch began no early attempt")
	}
}

// TestPlanEarlyLoadOutrunByQuiet: on a large site the load outlasts the
// quiet time; it is published the moment it is made.
func TestPlanEarlyLoadOutrunByQuiet(t *testing.T) {
	var p plan
	_, a := p.do(t, p.settled(), 1)
	if pub, b := p.do(t, p.quiet(1), 1); pub != nil || b != nil {
		t.Fatalf("quiet time with the early attempt under way: published %v, begun %v; want neither", pub, b)
	}
	if pub, b := p.do(t, p.made(a, 1), 1); pub != a || b != nil {
		t.Errorf("made after the quiet time: published %v, begun %v; want it published", pub, b)
	}
}

// TestPlanChangeAfterEarlyLoadMade: a change after the early load was
// made (the second half of a save) makes it stale: the quiet time begins
// a load that reads the change, and only that one is published.
func TestPlanChangeAfterEarlyLoadMade(t *testing.T) {
	var p plan
	_, a := p.do(t, p.settled(), 1)
	p.do(t, p.made(a, 1), 1)
	if _, b := p.do(t, p.settled(), 2); b != nil {
		t.Fatal("a second early attempt in one batch")
	}
	pub, b := p.do(t, p.quiet(2), 2)
	if pub != nil || b == nil || !b.due.Load() {
		t.Fatalf("at the quiet time after a change: published %v, begun %v; want a due attempt begun", pub, b)
	}
	if pub, _ := p.do(t, p.made(b, 2), 2); pub != b {
		t.Errorf("the due attempt made: published %v, want it", pub)
	}
}

// TestPlanChangeWhileEarlyLoadUnderWay: a change while the early load is
// under way makes it stale; it is never published, even made after the
// load the quiet time began.
func TestPlanChangeWhileEarlyLoadUnderWay(t *testing.T) {
	var p plan
	_, a := p.do(t, p.settled(), 1)
	if pub, _ := p.do(t, p.made(a, 2), 2); pub != nil {
		t.Fatal("a stale early attempt was published")
	}
	// One early attempt a batch: a long burst costs one load more, no
	// more.
	if _, b := p.do(t, p.settled(), 2); b != nil {
		t.Fatal("a second early attempt in one batch")
	}
	_, b := p.do(t, p.quiet(2), 2)
	if b == nil {
		t.Fatal("the quiet time began no attempt")
	}
	// Stale and under way when the quiet time ends: a new one is begun.
	var q plan
	_, a = q.do(t, q.settled(), 1)
	_, b = q.do(t, q.quiet(2), 2)
	if b == nil || !b.due.Load() {
		t.Fatalf("quiet time with a stale early attempt under way began %v, want a due attempt", b)
	}
	if pub, _ := q.do(t, q.made(a, 2), 2); pub != nil {
		t.Error("the stale early attempt, made late, was published")
	}
	if pub, _ := q.do(t, q.made(b, 2), 2); pub != b {
		t.Errorf("the due attempt made: published %v, want it", pub)
	}
}

// TestPlanDueLoadAlwaysPublished: in a burst longer than the wait, a
// load begun when a quiet time ended is published even though changes
// came while it ran (the burst shows its progress), and then the rest is
// loaded.
func TestPlanDueLoadAlwaysPublished(t *testing.T) {
	var p plan
	_, a := p.do(t, p.quiet(1), 1)
	if a == nil {
		t.Fatal("no attempt begun at the quiet time")
	}
	p.do(t, p.settled(), 2) // more changes
	if pub, b := p.do(t, p.quiet(3), 3); pub != nil || b != nil {
		t.Fatalf("a second quiet time with a due attempt under way: published %v, begun %v; want neither yet", pub, b)
	}
	pub, b := p.do(t, p.made(a, 3), 3)
	if pub != a || b == nil || !b.due.Load() {
		t.Errorf("the due attempt made: published %v, begun %v; want it published and a due one begun", pub, b)
	}
}

// TestPlanForget: attempts of a folder gone or replaced are never
// published.
func TestPlanForget(t *testing.T) {
	var p plan
	_, a := p.do(t, p.settled(), 1)
	p.forget()
	if pub, _ := p.do(t, p.made(a, 1), 1); pub != nil {
		t.Error("an attempt of the old folder was published")
	}
}

// TestDoneKeepsLaterChanges: publishing a load forgets the paths it read,
// but not a path changed again after it began, which it read too early.
func TestDoneKeepsLaterChanges(t *testing.T) {
	w := &watcher{seq: 3, pending: map[string]uint64{"content/a.md": 1, "data/performance.csv": 3}}
	paths, seq := w.peek()
	if len(paths) != 2 || seq != 3 {
		t.Fatalf("peek = %v, %d", paths, seq)
	}
	w.pending["content/a.md"], w.seq = 4, 4 // saved again while loading
	w.done(seq)
	if paths, seq := w.peek(); len(paths) != 1 || paths[0] != "content/a.md" || seq != 4 {
		t.Errorf("after done: %v at %d, want [content/a.md] at 4", paths, seq)
	}
}
