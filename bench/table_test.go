package bench

import (
	"context"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"

	"github.com/seed-83d379c3/pulumi-aws-identity/internal/testenv"
)

var (
	table    = flag.Bool("table", false, "run every measurement and print the table (make bench)")
	tableOut = flag.String("table.out", "", "also write the table to this file")
	calls    = flag.Int("table.calls", 300, "in-process calls of each kind, interleaved")
	launches = flag.Int("table.launches", 20, "cold starts of each binary, interleaved")
	previews = flag.Int("table.previews", 5, "timed previews of each program, interleaved")
)

// TestTable runs every measurement in one run, each against its baseline
// measured in the same run and interleaved with it, and prints one table.
// It asserts nothing about time; it fails only if a measurement cannot be
// made. Without -table it is skipped: it is a measurement, not a test.
func TestTable(t *testing.T) {
	if !*table {
		t.Skip("a measurement, run by make bench: go test ./bench -run '^TestTable$' -args -table")
	}
	start := time.Now()
	Isolate()
	root := testenv.RepoRoot(t)
	pulumi := testenv.Tool(t, "pulumi")
	testenv.Tool(t, "pulumi-language-yaml")
	progress := func(format string, args ...any) {
		fmt.Fprintf(os.Stderr, "bench: %5.1fs  %s\n", time.Since(start).Seconds(), fmt.Sprintf(format, args...))
	}

	progress("building the provider and the minimal provider")
	bins, err := Build(root, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	progress("starting moto, creating %d roles", NumRoles)
	f := NewFixture(t, NumRoles)

	var rows []Row

	// 1, 2. In-process, over gRPC: per-call latencies, interleaved call by call.
	progress("in-process invokes: %d calls of each kind, interleaved", *calls)
	samples, err := f.Sample(t, *calls)
	if err != nil {
		t.Fatal(err)
	}
	med := func(kind string) time.Duration { return Median(samples[kind]) }
	bare, uncached, cached, echo, first := med(KindBare), med(KindUncached), med(KindCached), med(KindEcho), med(KindFirst)
	creds := med(KindCreds)
	overhead := float64(uncached) / float64(bare)
	rows = append(rows,
		Row{"1. getSessionContext, uncached, in-process gRPC", Dur(uncached), "bare GetRole " + Dur(bare),
			Ratio(uncached, bare), "≤ 1.10×", Met(overhead <= 1.10)},
		Row{fmt.Sprintf("   first invoke of a process (+config, GetCallerIdentity; n=%d)", len(samples[KindFirst])),
			Dur(first), "bare GetRole " + Dur(bare), Ratio(first, bare), "", ""},
		Row{"2. getSessionContext, cached, in-process gRPC", Dur(cached), "echo " + Dur(echo),
			Ratio(cached, echo), "≤ 1.3×", Met(float64(cached) <= 1.3*float64(echo))},
		Row{"   getCredentials, cached (assumeRole block)", Dur(creds), "echo " + Dur(echo),
			Ratio(creds, echo), "≤ 1.3×", Met(float64(creds) <= 1.3*float64(echo))})

	progress("EKS tokens: %d of each, interleaved", *calls)
	tokens, presigns, err := f.EKSTokenSamples(t, *calls)
	if err != nil {
		t.Fatal(err)
	}
	token, presign := Median(tokens), Median(presigns)
	rows = append(rows, Row{"   eks:getClusterAuth, one token (credentials held), in-process gRPC", Dur(token),
		"bare SDK presign " + Dur(presign), Ratio(token, presign), "", ""})

	progress("first calls through a two-role chain: %d of each, interleaved", *launches)
	chain, bareChain, err := f.ChainFirstCalls(t, *launches)
	if err != nil {
		t.Fatal(err)
	}
	chainMed, bareChainMed := Median(chain), Median(bareChain)
	rows = append(rows, Row{"   first getCallerIdentity through a two-role assumeRoles chain", Dur(chainMed),
		"bare SDK chain " + Dur(bareChainMed), Ratio(chainMed, bareChainMed), "≤ 1.2×",
		Met(float64(chainMed) <= 1.2*float64(bareChainMed))})

	// 3. API calls counted at the endpoint.
	progress("API-call economy")
	for _, c := range Economy(t, f) {
		want := fmt.Sprintf("= %d %s", c.Want, actionName(c.Action))
		if strings.HasPrefix(c.Name, "200 getCallerIdentity") {
			want = fmt.Sprintf("≤ 1 per credentials (%d)", c.Want)
		}
		rows = append(rows, Row{"3. " + c.Name, fmt.Sprintf("%d %s", c.Got, actionName(c.Action)), "", fmt.Sprint(c.Got),
			want, Met(c.Got == c.Want)})
	}

	// 4. Cold start, interleaved launches.
	progress("cold start: %d launches of each binary, interleaved", *launches)
	env := append(os.Environ(), f.Moto.Env()...)
	var provStart, minStart []StartUp
	for i := range *launches {
		order := []string{bins.Provider, bins.Minimal}
		if i%2 == 1 {
			order[0], order[1] = order[1], order[0]
		}
		for _, bin := range order {
			s, err := ColdStart(bin, env)
			if err != nil {
				t.Fatal(err)
			}
			if bin == bins.Provider {
				provStart = append(provStart, s)
			} else {
				minStart = append(minStart, s)
			}
		}
	}
	pick := func(ss []StartUp, schema bool) []time.Duration {
		var ds []time.Duration
		for _, s := range ss {
			if schema {
				ds = append(ds, s.Schema)
			} else {
				ds = append(ds, s.PluginInfo)
			}
		}
		return ds
	}
	pInfo, mInfo := Median(pick(provStart, false)), Median(pick(minStart, false))
	pSchema, mSchema := Median(pick(provStart, true)), Median(pick(minStart, true))
	rows = append(rows,
		Row{"4. cold start: launch → GetPluginInfo answered", Dur(pInfo), "minimal " + Dur(mInfo),
			Ratio(pInfo, mInfo), "≤ 1.5×", Met(float64(pInfo) <= 1.5*float64(mInfo))},
		Row{"   launch → GetSchema answered", Dur(pSchema), "minimal " + Dur(mSchema),
			Ratio(pSchema, mSchema), "", ""})

	// 5. Whole program through the engine.
	progress("pulumi preview: %d interleaved timed runs of each program (after one warm-up each)", *previews)
	path := bins.Dir + string(os.PathListSeparator) + filepath.Dir(bins.Minimal) +
		string(os.PathListSeparator) + testenv.ToolsBin(t) + string(os.PathListSeparator) + os.Getenv("PATH")
	progs, err := NewPrograms(t.TempDir(), pulumi, path, f.Moto.Env(), f.Roles)
	if err != nil {
		t.Fatal(err)
	}
	progNames := []string{Base, First, Cached, EchoProgram}
	for _, n := range progNames { // warm-up: plugin discovery, page cache
		if _, err := progs.Preview(n); err != nil {
			t.Fatal(err)
		}
	}
	pv := map[string][]time.Duration{}
	pvRatio := map[string][]float64{}
	rng := rand.New(rand.NewPCG(3, 4)) // shuffled rounds, as in Sample
	for r := range *previews {
		for _, i := range rng.Perm(len(progNames)) {
			n := progNames[i]
			d, err := progs.Preview(n)
			if err != nil {
				t.Fatal(err)
			}
			pv[n] = append(pv[n], d)
		}
		for _, n := range progNames[1:] {
			base := Base
			if n != EchoProgram {
				base = EchoProgram
			}
			pvRatio[n] = append(pvRatio[n], float64(pv[n][r])/float64(pv[base][r]))
		}
	}
	// The floor of a program with invokes is the same program invoking the
	// minimal provider's echo: it starts a provider and makes as many
	// invokes; getSessionContext is compared with that.
	rows = append(rows,
		Row{fmt.Sprintf("5. pulumi preview, %d echo invokes of the minimal provider", Invokes), Dur(Median(pv[EchoProgram])),
			"no invokes " + Dur(Median(pv[Base])), fmt.Sprintf("%.2f×", medianF(pvRatio[EchoProgram])), "", ""},
		Row{fmt.Sprintf("   pulumi preview, %d getSessionContext, 1 role (cached)", Invokes), Dur(Median(pv[Cached])),
			"echo " + Dur(Median(pv[EchoProgram])), fmt.Sprintf("%.2f×", medianF(pvRatio[Cached])), "≤ 1.05×",
			Met(medianF(pvRatio[Cached]) <= 1.05)},
		Row{fmt.Sprintf("   pulumi preview, %d getSessionContext, first lookups (%d GetRole)", Invokes, Invokes),
			Dur(Median(pv[First])), "echo " + Dur(Median(pv[EchoProgram])), fmt.Sprintf("%.2f×", medianF(pvRatio[First])),
			"", ""})

	// 6. Memory and size.
	progress("peak memory over 1000 invokes")
	const invokes = 1000
	provWork := func(c *Client) error {
		ctx := context.Background()
		if err := c.Configure(ctx, EndpointConfig(f.Moto.Endpoint, testenv.MotoAccessKey)); err != nil {
			return err
		}
		return parallel(invokes, 8, func(i int) error {
			if i%10 == 9 {
				_, err := c.Invoke(ctx, CallerIdentity, resource.PropertyMap{})
				return err
			}
			return LookUp(ctx, c, f.Roles[i%10], fmt.Sprint(i))
		})
	}
	echoArgs := resource.NewPropertyMapFromMap(map[string]any{"value": SessionARN("bench-role-000", "x")})
	minWork := func(c *Client) error {
		ctx := context.Background()
		if err := c.Configure(ctx, resource.PropertyMap{}); err != nil {
			return err
		}
		return parallel(invokes, 8, func(int) error {
			_, err := c.Invoke(ctx, EchoToken, echoArgs)
			return err
		})
	}
	var provPeak, minPeak []int64
	for range 3 {
		pk, err := PeakRSS(bins.Provider, env, provWork)
		if err != nil {
			t.Fatal(err)
		}
		provPeak = append(provPeak, pk.HWM)
		pk, err = PeakRSS(bins.Minimal, env, minWork)
		if err != nil {
			t.Fatal(err)
		}
		minPeak = append(minPeak, pk.HWM)
	}
	pPeak, mPeak := medianI(provPeak), medianI(minPeak)
	rows = append(rows, Row{"6. peak RSS (VmHWM), 1000 invokes + GetSchema", MiB(pPeak), "minimal " + MiB(mPeak),
		fmt.Sprintf("%.2f×", float64(pPeak)/float64(mPeak)), "≤ 60 MiB", Met(pPeak <= 60<<20)})
	sizes := map[string]int64{}
	for _, b := range []string{bins.Provider, bins.ProviderStripped, bins.Minimal, bins.MinimalStripped} {
		if sizes[b], err = Size(b); err != nil {
			t.Fatal(err)
		}
	}
	ps, ms := sizes[bins.ProviderStripped], sizes[bins.MinimalStripped]
	rows = append(rows,
		Row{"   binary size, stripped (-s -w)", MB(ps), "minimal " + MB(ms),
			fmt.Sprintf("%.2f×", float64(ps)/float64(ms)), "≤ 40 MB", Met(ps <= 40e6)},
		Row{"   binary size, as make provider builds it", MB(sizes[bins.Provider]), "minimal " + MB(sizes[bins.Minimal]),
			fmt.Sprintf("%.2f×", float64(sizes[bins.Provider])/float64(sizes[bins.Minimal])), "", ""})

	title := fmt.Sprintf("pulumi-aws-identity benchmarks (%s, %s/%s, %d CPUs; medians; %d calls, %d launches, %d previews; %s total)",
		runtime.Version(), runtime.GOOS, runtime.GOARCH, runtime.NumCPU(), *calls, *launches, *previews,
		time.Since(start).Round(time.Second))
	fmt.Println()
	if err := Print(os.Stdout, title, rows); err != nil {
		t.Fatal(err)
	}
	if *tableOut != "" {
		out, err := os.Create(filepath.Clean(*tableOut))
		if err == nil {
			err = Print(out, title, rows)
			if cerr := out.Close(); err == nil {
				err = cerr
			}
		}
		if err != nil {
			t.Fatalf("writing the table to %s: %v", *tableOut, err)
		}
	}
}

func medianF(xs []float64) float64 {
	s := append([]float64(nil), xs...)
	sort.Float64s(s)
	if len(s) == 0 {
		return 0
	}
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

func medianI(xs []int64) int64 {
	s := append([]int64(nil), xs...)
	sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
	return s[len(s)/2]
}
