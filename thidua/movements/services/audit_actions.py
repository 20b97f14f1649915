"""Audit actions of the movements app (imported from MovementsConfig.ready)."""

from django.utils.translation import gettext_noop as N_

from thidua.core import audit

audit.register_actions(
    {
        "thidua.movement_launch": (N_("Phát động phong trào"), N_("Đã phát động phong trào")),
        "thidua.movement_phase": (N_("Chuyển bước phong trào"), N_("Đã chuyển bước phong trào")),
        "thidua.movement_results": (N_("Công bố kết quả"), N_("Đã công bố kết quả phong trào")),
        "thidua.duty_submit": (N_("Gửi lên cấp trên"), N_("Đã gửi lên cấp trên")),
        "thidua.duty_return": (N_("Trả lại"), N_("Đã trả lại")),
        "thidua.duty_accept": (N_("Chấp nhận"), N_("Đã chấp nhận")),
        "thidua.duty_remind": (N_("Nhắc nhở"), N_("Đã nhắc các đơn vị chưa gửi")),
        "thidua.registration_save": (N_("Đăng ký thi đua"), N_("Đã đăng ký thi đua")),
        "thidua.registration_withdraw": (N_("Rút đăng ký"), N_("Đã rút đăng ký thi đua")),
        "thidua.covenant_sign": (N_("Ký giao ước"), N_("Đã ký giao ước thi đua")),
        "thidua.scoring_table": (N_("Bảng chấm điểm"), N_("Đã ban hành bảng chấm điểm")),
        "thidua.score_save": (N_("Chấm điểm"), N_("Đã chấm điểm")),
        "thidua.score_submit": (N_("Gửi điểm cho khối"), N_("Đã gửi điểm cho khối")),
        "thidua.score_change": (
            N_("Điều chỉnh điểm sau công bố"),
            N_("Đã điều chỉnh điểm sau công bố"),
        ),
        "thidua.evidence_upload": (N_("Tải minh chứng"), N_("Đã tải minh chứng")),
        "thidua.scoring_publish": (N_("Công bố xếp hạng"), N_("Đã công bố kết quả chấm điểm")),
    }
)
