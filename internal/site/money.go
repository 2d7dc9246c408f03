package site

import (
	"github.com/partnersite/partnersite/internal/model"
	"github.com/partnersite/partnersite/internal/money"
)

// moneyColumn is a column of amounts in a list page's table, with the
// places (money.Places) every cell of it is written to, worked out from
// all the amounts it shows: a column never has £1 beside £5.97.
type moneyColumn struct{ Places int }

// Cell writes one amount of the column.
func (c moneyColumn) Cell(x money.Pence) string { return x.Format(c.Places) }

// columnOf is the column of the amounts given.
func columnOf(amounts []money.Pence) moneyColumn {
	return moneyColumn{Places: money.Places(amounts...)}
}

// partnerColumns are the money columns of the partners page's table: each
// partner's net saving to date and that per household.
type partnerColumns struct{ Net, PerHousehold moneyColumn }

// partnersColumns works out the partners table's columns from the cells
// the template shows: a net figure only when the cost shares are given, a
// per household figure only for a partner with a household count.
func partnersColumns(p *model.Partnership) partnerColumns {
	var net, ph []money.Pence
	for _, pt := range p.Partners {
		v := p.Savings("", pt.ID)
		l := v.Latest()
		if l == nil {
			continue
		}
		if p.SharesGiven() {
			net = append(net, l.CumNet)
		}
		if h, ok := v.PerHousehold(l.CumNet); ok {
			ph = append(ph, h)
		}
	}
	return partnerColumns{Net: columnOf(net), PerHousehold: columnOf(ph)}
}

// servicesColumn is the services page's column of each service's net
// saving to date.
func servicesColumn(p *model.Partnership) moneyColumn {
	var net []money.Pence
	for _, s := range p.Services {
		if l := p.Savings(s.ID, "").Latest(); l != nil {
			net = append(net, l.CumNet)
		}
	}
	return columnOf(net)
}
