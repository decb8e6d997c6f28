package bench

import "testing"

// BenchmarkGetSessionContext shares one moto between its sub-benchmarks:
//
//	go test ./bench -run '^$' -bench . -count 6 | tee new.txt; benchstat new.txt
func BenchmarkGetSessionContext(b *testing.B) {
	Isolate()
	f := NewFixture(b, NumRoles)
	b.Run("BareGetRole", f.BareGetRole)
	b.Run("InvokeUncached", f.InvokeUncached)
	b.Run("InvokeCached", f.InvokeCached)
	b.Run("FirstInvoke", f.FirstInvoke)
	b.Run("GetCredentialsCached", f.InvokeCredentialsCached)
	b.Run("MinimalEcho", EchoInvoke)
	b.Run("ChainFirstCall", f.ChainFirstCall)
	b.Run("BareChainFirstCall", f.BareChainFirstCall)
	b.Run("EKSToken", f.EKSToken)
	b.Run("BareEKSPresign", f.BareEKSPresign)
}
