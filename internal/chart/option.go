package chart

import (
	"github.com/partnersite/partnersite/internal/model"
	"github.com/partnersite/partnersite/internal/period"
)

// metricOption and savingsOption build the ECharts options. They return
// nil until the charts issue lands: a figure without an option is drawn as
// its summary and table alone, which is complete on its own.
func metricOption(_ *model.Metric, _ []*model.Series, _ []period.Period) []byte { return nil }

func savingsOption(_ *model.Savings) []byte { return nil }
