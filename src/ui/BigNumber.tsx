import { Box, Text } from 'ink';

const FONT: Record<string, string[]> = {
  '0': ['███', '█ █', '█ █', '█ █', '███'],
  '1': [' █ ', '██ ', ' █ ', ' █ ', '███'],
  '2': ['███', '  █', '███', '█  ', '███'],
  '3': ['███', '  █', '███', '  █', '███'],
  '4': ['█ █', '█ █', '███', '  █', '  █'],
  '5': ['███', '█  ', '███', '  █', '███'],
  '6': ['███', '█  ', '███', '█ █', '███'],
  '7': ['███', '  █', '  █', '  █', '  █'],
  '8': ['███', '█ █', '███', '█ █', '███'],
  '9': ['███', '█ █', '███', '  █', '███'],
};

/** Digits five rows tall, readable from across the table. */
export function bigDigits(n: number): string[] {
  const digits = String(Math.max(0, Math.floor(n))).split('');
  return [0, 1, 2, 3, 4].map((row) => digits.map((d) => FONT[d]![row]).join(' '));
}

export function BigNumber({ value, color }: { value: number; color?: string }) {
  return (
    <Box flexDirection="column">
      {bigDigits(value).map((line, i) => (
        <Text
          // biome-ignore lint/suspicious/noArrayIndexKey: fixed rows of a glyph; the row number is its identity
          key={i}
          color={color}
          bold
        >
          {line}
        </Text>
      ))}
    </Box>
  );
}
