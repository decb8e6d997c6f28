package index

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// The federation endpoint and the console follow the region's partition.
func TestConsoleSigninPartitions(t *testing.T) {
	for _, c := range []struct{ region, signin, home string }{
		{"us-east-1", "signin.aws.amazon.com", "https://console.aws.amazon.com/console/home?region=us-east-1"},
		{"eu-west-3", "signin.aws.amazon.com", "https://console.aws.amazon.com/console/home?region=eu-west-3"},
		{"us-gov-west-1", "signin.amazonaws-us-gov.com", "https://console.amazonaws-us-gov.com/console/home?region=us-gov-west-1"},
		{"cn-north-1", "signin.amazonaws.cn", "https://console.amazonaws.cn/console/home?region=cn-north-1"},
	} {
		t.Run(c.region, func(t *testing.T) {
			assert.Equal(t, c.signin, signinHost(c.region))
			assert.Equal(t, c.home, consoleHome(c.region))
		})
	}
}
