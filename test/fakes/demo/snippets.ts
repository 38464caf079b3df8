// Everyday code the demo "model" knows by heart, per language: an inline completion continues the
// line (or the block) of a snippet that starts like the user's. Written for this project.

export type SnippetLanguage = 'typescript' | 'python' | 'go';

export const SNIPPETS: Record<SnippetLanguage, string> = {
  typescript: `// Add two numbers.
export function add(a: number, b: number): number {
  return a + b;
}

// Keep a value between a lower and an upper bound.
export function clamp(value: number, min: number, max: number): number {
  return Math.min(Math.max(value, min), max);
}

// Say hello.
export function greet(name: string): string {
  return \`Hello, \${name}!\`;
}

// Wait for the given number of milliseconds.
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

// Whether a number is even.
export function isEven(n: number): boolean {
  return n % 2 === 0;
}

// The sum of all values.
export function sum(values: number[]): number {
  return values.reduce((total, value) => total + value, 0);
}

// The text with its first letter in upper case.
export function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

// The nth Fibonacci number.
export function fibonacci(n: number): number {
  return n < 2 ? n : fibonacci(n - 1) + fibonacci(n - 2);
}

// Fetch a URL and parse its JSON body.
export async function fetchJson<T>(url: string): Promise<T> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(\`HTTP \${response.status} for \${url}\`);
  return (await response.json()) as T;
}

console.log(add(2, 3));
`,
  python: `# Add two numbers.
def add(a: float, b: float) -> float:
    return a + b

# Keep a value between a lower and an upper bound.
def clamp(value: float, low: float, high: float) -> float:
    return max(low, min(value, high))

# Say hello.
def greet(name: str) -> str:
    return f"Hello, {name}!"

# Whether a number is even.
def is_even(n: int) -> bool:
    return n % 2 == 0

# The nth Fibonacci number.
def fibonacci(n: int) -> int:
    return n if n < 2 else fibonacci(n - 1) + fibonacci(n - 2)

# The lines of a text file.
def read_lines(path: str) -> list[str]:
    with open(path, encoding="utf-8") as f:
        return f.read().splitlines()

if __name__ == "__main__":
    print(add(2, 3))
`,
  go: `// Add returns the sum of two numbers.
func Add(a, b int) int {
	return a + b
}

// Clamp keeps a value between a lower and an upper bound.
func Clamp(value, low, high int) int {
	return min(max(value, low), high)
}

// Greet says hello.
func Greet(name string) string {
	return fmt.Sprintf("Hello, %s!", name)
}

// IsEven reports whether a number is even.
func IsEven(n int) bool {
	return n%2 == 0
}

func main() {
	fmt.Println(Add(2, 3))
}
`,
};
