-- Drives Neovim's built-in LSP client against `corefile lsp` (run by test_neovim.py).
-- Written for Neovim 0.7 (Debian 12), whose API predates vim.lsp.start and vim.lsp.buf.format.
-- Settings come in as globals: g:corefile_cmd (list), g:corefile_file, g:corefile_results.
local results = { steps = {} }

local function save()
  local handle = io.open(vim.g.corefile_results, "w")
  handle:write(vim.fn.json_encode(results))
  handle:close()
end

local function lines(bufnr)
  return table.concat(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false), "\n")
end

local function diagnostics(bufnr)
  local found = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    local lsp = (d.user_data or {}).lsp or {}
    table.insert(found, {
      lnum = d.lnum, col = d.col, end_col = d.end_col, severity = d.severity,
      message = d.message, source = d.source, code = lsp.code,
      href = (lsp.codeDescription or {}).href,
    })
  end
  return found
end

local function has_code(bufnr, code)
  for _, d in ipairs(diagnostics(bufnr)) do
    if d.code == code then return true end
  end
  return false
end

local function run()
  vim.cmd("edit " .. vim.fn.fnameescape(vim.g.corefile_file))
  local bufnr = vim.api.nvim_get_current_buf()
  local client_id = vim.lsp.start_client({
    name = "corefile",
    cmd = vim.g.corefile_cmd,
    root_dir = vim.fn.fnamemodify(vim.g.corefile_file, ":h"),
  })
  assert(client_id, "the language server did not start")
  vim.lsp.buf_attach_client(bufnr, client_id)

  -- 1. Diagnostics arrive for the duplicate zone.
  assert(vim.wait(20000, function() return has_code(bufnr, "ZN001") end, 20), "no ZN001 diagnostic")
  results.diagnostics = diagnostics(bufnr)
  table.insert(results.steps, "diagnostics")

  -- 2. A code action on the duplicate key's line: pick "suppress on this line" from the menu.
  local line = nil
  for _, d in ipairs(results.diagnostics) do
    if d.code == "ZN001" then line = d.lnum end
  end
  vim.api.nvim_win_set_cursor(0, { line + 1, 0 })
  local offered = {}
  vim.ui.select = function(items, opts, on_choice)
    local chosen, chosen_index = nil, nil
    for index, item in ipairs(items) do
      local action = item[2] or item.action or item  -- 0.7 passes {client_id, action} pairs
      table.insert(offered, action.title)
      if action.title == "Suppress duplicate-zone on this line" then
        chosen, chosen_index = item, index
      end
    end
    on_choice(chosen, chosen_index)
  end
  vim.lsp.buf.code_action()
  assert(vim.wait(10000, function() return lines(bufnr):find("corefile%-lint: ignore") ~= nil end, 20),
    "the code action did not change the buffer")
  results.offered = offered
  results.after_action = lines(bufnr)
  table.insert(results.steps, "code action")

  -- 3. The suppression silences the finding once the server has the new text.
  assert(vim.wait(10000, function() return not has_code(bufnr, "ZN001") end, 20), "ZN001 still reported")
  table.insert(results.steps, "suppressed")

  -- 4. Format the buffer.
  vim.lsp.buf.formatting_sync(nil, 10000)
  results.after_format = lines(bufnr)
  table.insert(results.steps, "format")
end

local ok, problem = pcall(run)
if not ok then results.error = tostring(problem) end
save()
vim.lsp.stop_client(vim.lsp.get_active_clients())
vim.cmd(ok and "qall!" or "cquit! 1")
