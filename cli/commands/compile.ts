// PLACEHOLDER owned by the layout/PDF helper.
export async function run(_argv: string[]): Promise<number> {
  console.error('compile: not written yet');
  return 2;
}
