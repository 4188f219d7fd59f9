-- 好差评 records (migration 141) are kept: the hall's supervision record of its service (docs/rating.md).
insert into retention_policies (kind, label, retention_days, counted_from, legal_basis, action) values
  ('rating', '服务评价（好差评）及差评回访整改记录', null, '评价', '《国务院办公厅关于建立政务服务"好差评"制度提高政务服务水平的意见》（国办发〔2019〕51号）：评价数据用于政务服务绩效监督，差评回访整改须留痕', 'keep');
