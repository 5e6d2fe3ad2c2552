import { DataType, type Data, type RecordBatch } from 'apache-arrow';

/**
 * Checks that a decoded batch's buffers hold what its lengths claim: apache-arrow slices buffers
 * without checking, so a corrupt length reads as empty strings or missing rows instead of an
 * error. Returns what is wrong, or undefined. Linear in the batch's rows.
 */
export function batchProblem(batch: RecordBatch): string | undefined {
  return dataProblem(batch.data, 'batch');
}

function dataProblem(data: Data, where: string): string | undefined {
  const { type, offset, length } = data;
  const end = offset + length;
  if (!Number.isSafeInteger(length) || length < 0) return `${where} has length ${length}`;
  if (data.nullCount > 0 && (data.nullBitmap?.length ?? 0) * 8 < end) return `${where}'s null bitmap is shorter than its ${length} rows`;
  if (DataType.isUtf8(type) || DataType.isBinary(type) || DataType.isLargeUtf8(type) || DataType.isLargeBinary(type))
    return offsetsProblem(data.valueOffsets ?? [], end, data.values?.length ?? 0, where);
  if (DataType.isList(type) || DataType.isLargeList(type) || DataType.isMap(type))
    return offsetsProblem(data.valueOffsets ?? [], end, data.children[0]?.length ?? 0, where) ?? childProblem(data, where);
  if (DataType.isFixedSizeList(type)) {
    return (data.children[0]?.length ?? 0) < end * type.listSize
      ? `${where}'s values are fewer than its lists need`
      : childProblem(data, where);
  }
  if (DataType.isStruct(type)) {
    for (const [i, child] of data.children.entries()) {
      const name = `column ${type.children[i]?.name ?? i}`;
      if (child.offset + child.length < end) return `${name} has ${child.length} rows, its batch ${length}`;
      const problem = dataProblem(child, name);
      if (problem) return problem;
    }
    return undefined;
  }
  if (DataType.isDictionary(type)) {
    if ((data.values?.length ?? 0) < end) return `${where}'s indices are fewer than its rows`;
    for (const chunk of data.dictionary?.data ?? []) {
      const problem = dataProblem(chunk, `${where}'s dictionary`);
      if (problem) return problem;
    }
    return undefined;
  }
  if (DataType.isBool(type)) return (data.values?.length ?? 0) * 8 < end ? `${where}'s values are fewer than its rows` : undefined;
  if (
    DataType.isInt(type) ||
    DataType.isFloat(type) ||
    DataType.isDate(type) ||
    DataType.isTime(type) ||
    DataType.isTimestamp(type) ||
    DataType.isDecimal(type) ||
    DataType.isInterval(type) ||
    DataType.isDuration(type) ||
    DataType.isFixedSizeBinary(type)
  )
    return (data.values?.length ?? 0) < end * data.stride ? `${where}'s values are fewer than its rows` : undefined;
  return undefined;
}

function childProblem(data: Data, where: string): string | undefined {
  const child = data.children[0];
  return child ? dataProblem(child, `${where}'s values`) : `${where} has no values`;
}

/** Offsets of variable-length values: one more than the rows, never decreasing, within the values. */
function offsetsProblem(offsets: ArrayLike<number | bigint>, end: number, values: number, where: string): string | undefined {
  if (offsets.length < end + 1) return `${where}'s offsets are fewer than its rows`;
  let previous = 0;
  for (let i = 0; i <= end; i++) {
    const at = Number(offsets[i]);
    if (at < previous || at > values) return `${where}'s offsets run outside its values`;
    previous = at;
  }
  return undefined;
}
