package release

import (
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/seed-83d379c3/pulumi-aws-identity/internal/testenv"
)

func readDoc(t *testing.T, name string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(testenv.RepoRoot(t), "docs", name))
	require.NoError(t, err)
	return string(data)
}

// frontMatter checks the Registry's front matter: title, meta_desc and the
// package layout.
func frontMatter(t *testing.T, name, doc string) {
	t.Helper()
	m := regexp.MustCompile(`(?s)^---\n(.*?)\n---\n`).FindStringSubmatch(doc)
	require.NotNil(t, m, "%s: no front matter", name)
	for _, key := range []string{"title", "meta_desc", "layout"} {
		assert.Regexp(t, `(?m)^`+key+`: \S`, m[1], "%s: front matter has no %s", name, key)
	}
}

// docs/_index.md names every function of the schema, and no function the
// schema does not have, and has an example in each language.
func TestRegistryIndexMatchesSchema(t *testing.T) {
	s := readSchema(t)
	doc := readDoc(t, "_index.md")
	frontMatter(t, "_index.md", doc)

	var want []string
	for token := range s.Functions {
		want = append(want, token)
	}
	sort.Strings(want)
	got := uniqueSorted(regexp.MustCompile(regexp.QuoteMeta(s.Name)+`:[a-z]+:[A-Za-z]+`).FindAllString(doc, -1))
	assert.Equal(t, want, got, "docs/_index.md: the function tokens it names")

	for _, lang := range []string{"typescript", "python", "go", "csharp", "java", "yaml"} {
		assert.Contains(t, doc, "{{% choosable language "+lang+" %}}\n\n```"+lang+"\n", "docs/_index.md: no %s example", lang)
	}
	// The packages its examples import are the schema's.
	assert.Contains(t, doc, `"`+s.Language["nodejs"]["packageName"].(string)+`"`)
	assert.Contains(t, doc, "import "+s.Language["python"]["packageName"].(string))
	assert.Contains(t, doc, `"`+s.Language["go"]["importBasePath"].(string)+`"`)
}

// docs/installation-configuration.md documents every configuration key of
// the schema (with every field of an object-typed key, and whether it is
// secret), no key the schema lacks, and the install of each language's
// package as the schema names it.
func TestInstallationConfigurationMatchesSchema(t *testing.T) {
	s := readSchema(t)
	doc := readDoc(t, "installation-configuration.md")
	frontMatter(t, "installation-configuration.md", doc)

	rows := map[string]string{}
	for _, m := range regexp.MustCompile("(?m)^\\| `([A-Za-z]+)` \\|(.*)\\|$").FindAllStringSubmatch(doc, -1) {
		rows[m[1]] = m[2]
	}
	var want, got []string
	for key := range s.Config.Variables {
		want = append(want, key)
	}
	for key := range rows {
		got = append(got, key)
	}
	sort.Strings(want)
	sort.Strings(got)
	assert.Equal(t, want, got, "docs/installation-configuration.md: the configuration keys of its table")

	for key, prop := range s.Config.Variables {
		row, ok := rows[key]
		if !ok {
			continue
		}
		assert.Equal(t, prop.Secret, strings.Contains(row, "secret,") || strings.Contains(row, ", secret"),
			"docs: configuration key %s: secret is %v in the schema", key, prop.Secret)
		if typ, ok := s.Types[strings.TrimPrefix(prop.Ref, "#/types/")]; ok && prop.Ref != "" {
			for field := range typ.Properties {
				assert.Contains(t, row, "`"+key+"."+field+"`", "docs: configuration key %s: field %s is not documented", key, field)
			}
		}
	}

	for _, install := range []string{
		"npm install " + s.Language["nodejs"]["packageName"].(string),
		"pip install " + strings.ReplaceAll(s.Language["python"]["packageName"].(string), "_", "-"),
		"go get " + s.Language["go"]["importBasePath"].(string),
		"dotnet add package " + s.Language["csharp"]["rootNamespace"].(string) + ".AwsIdentity",
		"<groupId>" + s.Language["java"]["basePackage"].(string) + "</groupId>",
		"--server " + s.PluginDownloadURL,
	} {
		assert.Contains(t, doc, install, "docs/installation-configuration.md: how to install")
	}
}

func uniqueSorted(in []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, s := range in {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	sort.Strings(out)
	return out
}
