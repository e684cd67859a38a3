import { describe, expect, test } from "vitest";
import { newRevisionId, scriptFileName, slugOf } from "../../../src/engine/render";

describe("scriptFileName: Alembic's slug (alembic/script/base.py `_rev_path`)", () => {
  // Each file name below is what the real `flask db revision --rev-id r… -m "<message>"` wrote.
  test.each([
    ["Added email field", "r001_added_email_field.ts"],
    ["a very long message that goes on and on beyond forty characters", "r001_a_very_long_message_that_goes_on_and_on_.ts"],
    ["abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyz", "r001_abcdefghijklmnopqrstuvwxyzabcdefghijklmn_.ts"],
    ["  --Weird!! message__with  punctuation... & stuff--  ", "r001_weird_message__with_punctuation_stuff.ts"],
    ["Ünïcödé Straße İstanbul ÉCOLE", "r001_ünïcödé_straße_i̇stanbul_école.ts"],
    ["x.y-z/w\\v", "r001_x_y_z_w_v.ts"],
    ["1234567890123456789012345678901234567890_x", "r001_1234567890123456789012345678901234567890_.ts"],
    ["123456789012345678901234567890123456789_x", "r001_123456789012345678901234567890123456789_.ts"],
    ["e\u0301a", "r001_e_a.ts"],
    ["数据库 迁移 测试", "r001_数据库_迁移_测试.ts"],
    ["a__b___c", "r001_a__b___c.ts"],
    [null, "r001_.ts"],
  ])("%j", (message, file) => {
    expect(scriptFileName("r001", message)).toBe(file);
  });

  test("the slug is cut to 40 code points, not UTF-16 units", () => {
    expect(slugOf("𠀀".repeat(45))).toBe(`${"𠀀".repeat(40)}_`);
  });
});

describe("newRevisionId", () => {
  test("twelve lowercase hex digits from the injected random source", () => {
    const values = [0, 0.999999, 0.5, 0.0625, 0.1, 0.2, 0.3, 0.4, 0.6, 0.7, 0.8, 0.9];
    let i = 0;
    expect(newRevisionId(() => values[i++]!)).toBe("0f8113469bce");
  });

  test("a random source that returns 1 still gives a hex digit", () => {
    expect(newRevisionId(() => 1)).toBe("ffffffffffff");
  });
});
