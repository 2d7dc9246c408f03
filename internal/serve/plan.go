package serve

// plan decides, from the watcher's signals and the loads made, which load
// of the site to begin and which to publish. The quiet time decides what
// is published, as if each batch of changes were loaded once it is over;
// but a load is begun as soon as the batch settles, and when no change
// follows it is published the moment the quiet time ends, the load having
// overlapped the wait rather than followed it.
//
// One such early load is made per batch, so a long burst of saves costs
// at most one load more than it did. A load begun when a quiet time ended
// is always published, as before, even if changes came while it ran: a
// burst longer than MaxWait still shows its progress.
//
// plan is follow's logic without its goroutines and clock, so that each
// case can be tested on its own; follow carries out its steps.
type plan struct {
	cur   *attempt // under way, its result wanted
	held  *attempt // an early attempt made, waiting for the quiet time to end
	early bool     // an early attempt was begun for this batch
	again bool     // a quiet time ended while cur, due for an earlier one, was under way
}

// step is what follow does next: publish an attempt, then begin another
// at the changes pending, to be published when made if due.
type step struct {
	publish    *attempt
	begin, due bool
}

// begun records the attempt follow began for the last step.
func (p *plan) begun(a *attempt, due bool) {
	a.due.Store(due)
	p.cur, p.held = a, nil
}

// settled is the watcher's word that a batch has settled.
func (p *plan) settled() step {
	if p.cur != nil || p.held != nil || p.early {
		return step{}
	}
	p.early = true
	return step{begin: true}
}

// quiet is the watcher's word that a batch's quiet time is over, with
// the count of changes at.
func (p *plan) quiet(at uint64) step {
	switch {
	case p.held != nil && p.held.seq >= at:
		// Made since the last change: published now, with no load.
		a := p.held
		p.held, p.early = nil, false
		return step{publish: a}
	case p.cur != nil && p.cur.due.Load():
		// Under way since an earlier quiet time ended: published when
		// made, then the rest loaded.
		p.again = true
	case p.cur != nil && p.cur.seq >= at:
		// Begun early, since the last change: published when made.
		p.cur.due.Store(true)
	default:
		// Nothing made or under way has read this batch whole. An early
		// attempt under way is left to finish, unwanted.
		return step{begin: true, due: true}
	}
	return step{}
}

// made is an attempt finished, with the count of changes now at.
func (p *plan) made(a *attempt, at uint64) step {
	if a != p.cur {
		return step{} // overtaken, or the folder was replaced
	}
	p.cur = nil
	switch {
	case a.due.Load():
		p.held, p.early = nil, false
		st := step{publish: a}
		if p.again {
			p.again = false
			st.begin, st.due = true, true
		}
		return st
	case a.seq == at:
		p.held = a // to be published when the quiet time ends
	}
	// An early attempt overtaken by a change is dropped; the change's
	// quiet time begins another.
	return step{}
}

// forget drops every attempt, for a folder gone or replaced.
func (p *plan) forget() { *p = plan{} }
